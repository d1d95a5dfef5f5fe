namespace Conformance.Harness.Cli;

/// <summary>Process exit codes of wsconform.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked (for serve: stopped by Ctrl-C or SIGTERM after a graceful shutdown).</summary>
    public const int Success = 0;

    /// <summary>A conformance run finished and at least one case was FAILED.</summary>
    public const int CasesFailed = 1;

    /// <summary>The command line was wrong (a bad URL, a non-loopback listen host, a missing file) or a case file is malformed.</summary>
    public const int UsageError = 2;

    /// <summary>A target did not accept a WebSocket connection before the run started.</summary>
    public const int TargetUnreachable = 3;

    /// <summary>The run was interrupted (Ctrl-C, SIGTERM); results.json keeps the finished cases (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
