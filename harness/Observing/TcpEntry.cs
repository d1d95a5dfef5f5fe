namespace Conformance.Harness.Observing;

/// <summary>A transport event: connected, FIN or RST from either side, a drop.</summary>
public sealed record TcpEntry(TcpEventKind Kind, string? Detail = null) : WireEntry;
