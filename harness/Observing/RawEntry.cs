namespace Conformance.Harness.Observing;

/// <summary>Bytes that are not (or not yet) a frame: a raw step, or a peer's incomplete trailing bytes.</summary>
public sealed record RawEntry(WireDirection Direction, byte[] Bytes, string Note) : WireEntry;
