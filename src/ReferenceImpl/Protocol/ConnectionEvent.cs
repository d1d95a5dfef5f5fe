using System.Text;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>Something the peer did, as the connection understood it. Small immutable values (after wsproto's events).</summary>
public abstract record ConnectionEvent;

/// <summary>
/// A whole data message; a text message's payload is already known to be valid UTF-8. A compressed message
/// (RFC 7692 6) arrives decompressed, with <see cref="Compressed"/> set and the size it had on the wire.
/// </summary>
public sealed record MessageReceived(MessageKind Kind, byte[] Payload) : ConnectionEvent
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The message had the Per-Message Compressed bit (RSV1) set and was inflated (RFC 7692 6.2).</summary>
    public bool Compressed { get; init; }

    /// <summary>For a compressed message, its payload bytes on the wire (all frames); otherwise the payload length.</summary>
    public long WireLength { get; init; }

    /// <summary>
    /// The message's length in bytes (inflated, for a compressed one). Equal to the payload's length unless the receiver
    /// kept less than the whole message (an observer's digest).
    /// </summary>
    public long Length { get; init; } = Payload.LongLength;

    /// <summary>The message's data could not all be recovered (it did not inflate): its payload and length are what was.</summary>
    public bool Incomplete { get; init; }
}

public sealed record PingReceived(byte[] Payload) : ConnectionEvent;

public sealed record PongReceived(byte[] Payload) : ConnectionEvent;

/// <summary>The peer's close frame: its code (null when the payload was empty) and reason.</summary>
public sealed record CloseReceived(ushort? Code, string Reason) : ConnectionEvent;

/// <summary>The peer broke a rule; the connection sent the close frame the rule calls for and stopped reading.</summary>
public sealed record ConnectionFailed(ProtocolViolation Violation) : ConnectionEvent;

/// <summary>The transport ended before the close handshake completed (RFC 6455 7.1.5: code 1006 is reported, never sent).</summary>
public sealed record TransportClosedAbnormally : ConnectionEvent;
