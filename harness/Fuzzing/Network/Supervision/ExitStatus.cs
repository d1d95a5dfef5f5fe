namespace Conformance.Harness.Fuzzing.Network.Supervision;

/// <summary>How a supervised process ended, in words: "exit code 3", "signal 11 (SIGSEGV)".</summary>
public static class ExitStatus
{
    private static readonly Dictionary<int, string> Signals = new()
    {
        [1] = "SIGHUP",
        [2] = "SIGINT",
        [3] = "SIGQUIT",
        [4] = "SIGILL",
        [5] = "SIGTRAP",
        [6] = "SIGABRT",
        [7] = "SIGBUS",
        [8] = "SIGFPE",
        [9] = "SIGKILL",
        [11] = "SIGSEGV",
        [13] = "SIGPIPE",
        [14] = "SIGALRM",
        [15] = "SIGTERM",
        [24] = "SIGXCPU",
        [31] = "SIGSYS",
    };

    /// <summary>
    /// .NET reports a process killed by signal N as exit code 128 + N (and so does a shell that did not exec its
    /// command), so codes 129..159 are read as signals.
    /// </summary>
    public static string Describe(int exitCode) =>
        exitCode is > 128 and < 160 ? $"signal {exitCode - 128} ({Signals.GetValueOrDefault(exitCode - 128, "SIG" + (exitCode - 128))})" : $"exit code {exitCode}";
}
