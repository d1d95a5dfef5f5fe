namespace Conformance.Harness.Observing;

/// <summary>
/// What the survival check of a <c>survives</c> case saw after the case's connection: whether a fresh connection's
/// handshake and ping were answered (and how, or why not), and whether the server closed the case's connection after the
/// harness half-closed it (null when that could not be seen: the harness dropped the connection itself).
/// </summary>
public sealed record SurvivalObservation(bool Answered, string Detail, bool? Released)
{
    /// <summary>The fresh connection's wire log (the evidence that the server is gone or stuck).</summary>
    public IReadOnlyList<WireEntry> ProbeWire { get; init; } = [];
}
