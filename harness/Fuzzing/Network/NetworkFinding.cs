using Conformance.Fuzz.Network;
using Conformance.Harness.Judging;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>A distinct finding of a network campaign: its kind and signature, the input as found and minimised, and the replay that confirmed it.</summary>
public sealed record NetworkFinding
{
    public required string Id { get; init; }

    public required FindingKind Kind { get; init; }

    /// <summary>What makes two findings the same (see <see cref="CrashSignature"/>).</summary>
    public required string Signature { get; init; }

    /// <summary>The campaign test that first showed it, the worker, and when.</summary>
    public required long Test { get; init; }

    public required int Worker { get; init; }

    public required TimeSpan FoundAfter { get; init; }

    public required NetworkInput Found { get; init; }

    public required NetworkInput Minimised { get; init; }

    public int MinimiseRuns { get; init; }

    /// <summary>How the server ended ("signal 11 (SIGSEGV)") for a crash, else null.</summary>
    public string? Exit { get; init; }

    /// <summary>The tail of the server's stderr when it happened.</summary>
    public string Stderr { get; init; } = string.Empty;

    /// <summary>The case file replayed against a freshly started server showed the same fault; null when it could not be tried (no --exec).</summary>
    public bool? Reproduced { get; init; }

    /// <summary>The judged replay of the case file (for the report), or null.</summary>
    public CaseResult? Replay { get; init; }

    /// <summary>findings/&lt;id&gt;.yaml.</summary>
    public string? Path { get; init; }

    /// <summary>How many tests hit the same signature.</summary>
    public int Hits { get; init; } = 1;
}
