namespace Conformance.Harness.Observing;

/// <summary>
/// Something the peer did that a case's expectations are matched against, in order (Autobahn's <c>received</c>
/// list). Close frames are not events. <see cref="WireIndex"/> is the wire log entry that completed it.
/// </summary>
public abstract record ObservedEvent(int WireIndex);

/// <summary>A whole data message. <see cref="Payload"/> holds at most the reader's cap; length and SHA-256 cover every byte.</summary>
public sealed record ObservedMessage(bool Binary, byte[] Payload, long Length, string Sha256, bool Truncated, int WireIndex) : ObservedEvent(WireIndex)
{
    /// <summary>The message the harness sent in the round trip this message answered, or null outside round trips.</summary>
    public EchoTarget? EchoOf { get; init; }

    /// <summary>It arrived compressed (RSV1, RFC 7692 6); <see cref="Payload"/>, length and hash are of the inflated data.</summary>
    public bool Compressed { get; init; }
}

/// <summary>A message the harness sent in a round trip, by type, length and SHA-256 (lowercase hex): what its echo must equal.</summary>
public sealed record EchoTarget(bool Binary, long Length, string Sha256);

public sealed record ObservedPing(byte[] Payload, int WireIndex) : ObservedEvent(WireIndex);

public sealed record ObservedPong(byte[] Payload, int WireIndex) : ObservedEvent(WireIndex);

/// <summary>The connection was still open when the pause with this mark ended (Autobahn's ("timeout", tag)).</summary>
public sealed record ObservedMark(string Name, int WireIndex) : ObservedEvent(WireIndex);
