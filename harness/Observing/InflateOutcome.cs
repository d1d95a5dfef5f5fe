namespace Conformance.Harness.Observing;

/// <summary>
/// What inflating one frame of a compressed message gave: the bytes it decompressed to (<see cref="Output"/>, cut at the
/// observer's cap when <see cref="Truncated"/>), or why it could not be inflated (<see cref="Failure"/>), and whether
/// that failure is a back-reference into an earlier message the peer promised not to make (RFC 7692 7.1.1.1).
/// </summary>
public sealed record InflateOutcome(byte[] Output, bool Truncated, string? Failure = null, bool BrokeNoContextTakeover = false);
