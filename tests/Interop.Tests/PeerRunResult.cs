namespace Conformance.Interop.Tests;

/// <summary>How a peer client script ended: its exit code and everything it printed.</summary>
public sealed record PeerRunResult(string Command, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The last non-empty stdout line: the scripts print their one-line JSON summary there.</summary>
    public string LastOutputLine => StandardOutput
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault() ?? string.Empty;

    /// <summary>A failure message with the whole story, for assertions.</summary>
    public string Describe() =>
        $"`{Command}` {(TimedOut ? "timed out and was killed" : $"exited with {ExitCode}")}\n" +
        $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
