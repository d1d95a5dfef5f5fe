using System.Text;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>What <see cref="WebSocketClient.ReceiveAsync"/> returns: a message, a pong, or the end of the connection.</summary>
public abstract record ClientEvent
{
    private ClientEvent()
    {
    }

    /// <summary>A whole data message.</summary>
    public sealed record Message(MessageKind Kind, byte[] Payload) : ClientEvent
    {
        /// <summary>The payload as UTF-8 text (a text message is known to be valid UTF-8).</summary>
        public string Text => Encoding.UTF8.GetString(Payload);

        /// <summary>The server sent it compressed (RFC 7692 6); <see cref="Payload"/> is the inflated message.</summary>
        public bool Compressed { get; init; }

        /// <summary>Its payload bytes on the wire: the compressed size when <see cref="Compressed"/>.</summary>
        public long WireLength { get; init; }
    }

    /// <summary>A pong from the server.</summary>
    public sealed record Pong(byte[] Payload) : ClientEvent;

    /// <summary>
    /// The connection ended. After the server's close frame: its code (null when the frame had none, RFC 6455 7.1.5
    /// "1005") and reason. When the transport ended without a close frame: code 1006 and <see cref="Clean"/> false
    /// (RFC 6455 7.1.5). When the server broke a rule: the code this client sent, the violation, and Clean false.
    /// </summary>
    public sealed record Closed(ushort? Code, string Reason) : ClientEvent
    {
        /// <summary>True when the server's close frame was received.</summary>
        public bool Clean { get; init; } = true;

        /// <summary>The rule the server broke, when this client failed the connection (RFC 6455 7.1.7).</summary>
        public ProtocolViolation? Violation { get; init; }
    }
}
