using Conformance.Harness.Reporting.Gating;

namespace Conformance.Harness.Cli;

/// <summary>Everything <c>wsconform run</c> was asked to do.</summary>
public sealed record RunSettings
{
    /// <summary>Targets to test; empty means the embedded reference server.</summary>
    public IReadOnlyList<Uri> Targets { get; init; } = [];

    /// <summary>An Autobahn fuzzingclient spec file: its servers are tested before <see cref="Targets"/>, its case patterns select cases.</summary>
    public string? AutobahnSpec { get; init; }

    public string? CasesDirectory { get; init; }

    /// <summary>Globs on our id or the Autobahn id; empty means every case. With a spec, they apply on top of its selection.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public int Parallel { get; init; } = 8;

    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connect, TLS and the opening handshake must finish within this (the RFC sets no time).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The close handshake timeout and the server's TCP close timeout (Autobahn's 1 s).</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public string? ReportDirectory { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    public string? Origin { get; init; }

    public bool Insecure { get; init; }

    public string? CaFile { get; init; }

    public long MaxMessageSize { get; init; }

    /// <summary>Which verdicts make the run exit 1.</summary>
    public FailOn FailOn { get; init; } = FailOn.Failed;

    /// <summary>A baseline file: the non-OK verdicts it accepts do not fail the run; new ones do.</summary>
    public string? Baseline { get; init; }

    /// <summary>Write this run's FAILED and NON-STRICT cases to this baseline file (and exit 0 when the run completed).</summary>
    public string? WriteBaseline { get; init; }
}

/// <summary>One server a run tests, with the agent name its spec gives it (null: its Server header is shown).</summary>
internal sealed record RunTarget(Uri Url, string? Agent = null);
