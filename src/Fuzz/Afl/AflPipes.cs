using System.Runtime.InteropServices;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// AFL++'s fork-server pipes: it writes 4 bytes per run on fd 198 (FORKSRV_FD) and reads 4-byte answers on fd 199.
/// Raw read/write on the inherited descriptors, retried on EINTR.
/// </summary>
internal static unsafe class AflPipes
{
    public const int ControlFd = 198;
    public const int StatusFd = 199;

    /// <summary>Whether this process was started by afl-fuzz (or afl-tmin/afl-showmap) with a shared map.</summary>
    public static bool UnderAfl => Environment.GetEnvironmentVariable("__AFL_SHM_ID") is { Length: > 0 };

    /// <summary>Reads AFL's 4-byte "run" command; false at end of file (AFL is gone).</summary>
    public static bool ReadControl()
    {
        int value;
        return ReadExactly(ControlFd, (byte*)&value, 4);
    }

    /// <summary>Writes one 4-byte answer (the hello, a pid or a wait status).</summary>
    public static void WriteStatus(int value)
    {
        var written = 0;
        while (written < 4)
        {
            var n = Libc.Write(StatusFd, (byte*)&value + written, 4 - written);
            if (n < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
            {
                continue;
            }

            if (n <= 0)
            {
                throw new IOException($"cannot write to AFL's status pipe (fd {StatusFd}): errno {Marshal.GetLastPInvokeError()}");
            }

            written += (int)n;
        }
    }

    private static bool ReadExactly(int fd, byte* buffer, int count)
    {
        var read = 0;
        while (read < count)
        {
            var n = Libc.Read(fd, buffer + read, count - read);
            if (n < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
            {
                continue;
            }

            if (n <= 0)
            {
                return false;
            }

            read += (int)n;
        }

        return true;
    }
}
