namespace Conformance.Harness.Observing;

/// <summary>
/// Something the peer did that a case's expectations are matched against, in order (Autobahn's <c>received</c>
/// list). Close frames are not events. <see cref="WireIndex"/> is the wire log entry that completed it.
/// </summary>
public abstract record ObservedEvent(int WireIndex);

/// <summary>
/// A whole data message. <see cref="Payload"/> holds its first bytes (all of it unless <see cref="Truncated"/>);
/// <see cref="Length"/> counts every byte; <see cref="Sha256"/> covers every byte (null for a round trip's echo, which
/// is compared byte by byte with what was sent instead: <see cref="EchoOf"/>).
/// </summary>
public sealed record ObservedMessage(bool Binary, byte[] Payload, long Length, string? Sha256, bool Truncated, int WireIndex) : ObservedEvent(WireIndex)
{
    /// <summary>For the answer to a round trip: what was sent and whether this message equals it.</summary>
    public EchoOutcome? EchoOf { get; init; }

    /// <summary>It arrived compressed (RSV1, RFC 7692 6); payload, length and hash are of the inflated data.</summary>
    public bool Compressed { get; init; }

    /// <summary>Its data could not all be recovered (it did not inflate): never equal to an expected message.</summary>
    public bool Incomplete { get; init; }
}

/// <summary>
/// A round trip's message as sent (type and length) and whether the echo equals it byte for byte; when not,
/// <see cref="FirstDifference"/> is the offset of the first byte that differs (or the shorter length).
/// </summary>
public sealed record EchoOutcome(bool Binary, long Length, bool Equal, long? FirstDifference);

public sealed record ObservedPing(byte[] Payload, int WireIndex) : ObservedEvent(WireIndex);

public sealed record ObservedPong(byte[] Payload, int WireIndex) : ObservedEvent(WireIndex);

/// <summary>The connection was still open when the pause with this mark ended (Autobahn's ("timeout", tag)).</summary>
public sealed record ObservedMark(string Name, int WireIndex) : ObservedEvent(WireIndex);
