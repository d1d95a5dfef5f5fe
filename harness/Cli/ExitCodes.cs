namespace Conformance.Harness.Cli;

/// <summary>Process exit codes of wsconform.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked (for serve: stopped by Ctrl-C or SIGTERM after a graceful shutdown).</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong: a bad URL, a non-loopback listen host, a missing file.</summary>
    public const int UsageError = 2;
}
