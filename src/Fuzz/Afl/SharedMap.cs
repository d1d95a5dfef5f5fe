using System.Globalization;
using System.Runtime.InteropServices;
using Conformance.Fuzz.Runtime;

namespace Conformance.Fuzz.Afl;

/// <summary>Attaches AFL++'s coverage map (System V shared memory named by <c>__AFL_SHM_ID</c>) to <see cref="Coverage.Map"/>.</summary>
internal static unsafe class SharedMap
{
    /// <summary>Attaches when <c>__AFL_SHM_ID</c> is set; returns whether it did.</summary>
    /// <exception cref="InvalidOperationException">The id is set but shmat fails.</exception>
    public static bool AttachFromEnvironment()
    {
        var id = Environment.GetEnvironmentVariable("__AFL_SHM_ID");
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var address = Libc.ShmAt(int.Parse(id, CultureInfo.InvariantCulture), 0, 0);
        if (address == -1)
        {
            throw new InvalidOperationException($"shmat({id}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        Coverage.UseSharedMap((byte*)address);
        return true;
    }
}
