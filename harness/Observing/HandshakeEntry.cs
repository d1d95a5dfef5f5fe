namespace Conformance.Harness.Observing;

/// <summary>An opening handshake head, request or response, as written or read (Latin-1 text of the exact bytes).</summary>
public sealed record HandshakeEntry(WireDirection Direction, string Text) : WireEntry;
