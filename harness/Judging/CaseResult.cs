using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>
/// The verdicts of one case, Autobahn's two axes (<see cref="Verdict"/>, <see cref="CloseVerdict"/>), with a reason
/// that names the RFC section and the frame for every non-OK, and the observation as evidence.
/// </summary>
public sealed record CaseResult
{
    public required string Id { get; init; }

    public string? Autobahn { get; init; }

    public required Verdict Verdict { get; init; }

    public required CloseVerdict CloseVerdict { get; init; }

    /// <summary>Why, in words; empty when both verdicts are OK and nothing was noted.</summary>
    public required string Reason { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>The status code of the peer's close frame, or null (Autobahn's remoteCloseCode).</summary>
    public ushort? RemoteCloseCode { get; init; }

    /// <summary>What the always-on checks found in the peer's own output.</summary>
    public IReadOnlyList<PeerViolation> Violations { get; init; } = [];

    public required Observation Observation { get; init; }
}
