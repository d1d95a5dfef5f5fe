using System.Runtime.InteropServices;

namespace Conformance.Interop.Tests;

/// <summary>POSIX kill(2), so a test can stop a process the way a user's Ctrl-C or a service manager does.</summary>
internal static class NativeSignals
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static int Kill(int pid, int signal) => kill(pid, signal);

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this test project for one call.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
