using System.Runtime.InteropServices;

namespace Conformance.Fuzz.Afl;

/// <summary>The few libc calls the AFL++ runtime needs: System V shared memory, raw fd I/O, signals.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "shmat", SetLastError = true)]
    internal static partial nint ShmAt(int shmId, nint address, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "getppid")]
    internal static partial int GetParentProcessId();

    internal const int SigInt = 2;
    internal const int SigAbrt = 6;
    internal const int SigKill = 9;
    internal const int EIntr = 4;
}
