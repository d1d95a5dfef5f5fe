using Conformance.Harness.Reporting.Gating;

namespace Conformance.Harness.Cli;

/// <summary>What <c>wsconform serve-cases</c> was asked to do.</summary>
public sealed record ServeCasesSettings
{
    /// <summary>Where to listen (ws://, wss://, ws+unix://; loopback only); null: the spec's url, else ws://127.0.0.1:9001/.</summary>
    public Uri? Listen { get; init; }

    public string? CertificatePem { get; init; }

    public string? KeyPem { get; init; }

    public string? AutobahnSpec { get; init; }

    public string? CasesDirectory { get; init; }

    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public long MaxMessageSize { get; init; }

    public string? ReportDirectory { get; init; }

    public FailOn FailOn { get; init; } = FailOn.Failed;

    public string? Baseline { get; init; }

    /// <summary>A command that runs the client under test (WSCONFORM_URL in its environment); the server stops when it exits.</summary>
    public string? Exec { get; init; }

    /// <summary>How long <see cref="Exec"/> may run before it is stopped; also bounds a serve without --exec when set.</summary>
    public TimeSpan? Duration { get; init; }
}
