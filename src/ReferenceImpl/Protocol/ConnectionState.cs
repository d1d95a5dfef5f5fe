namespace Conformance.ReferenceImpl.Protocol;

/// <summary>The states of RFC 6455 section 7 after the opening handshake (4.1 OPEN, 7.1.3 CLOSING, 7.1.4 CLOSED).</summary>
public enum ConnectionState
{
    /// <summary>Messages flow both ways.</summary>
    Open,

    /// <summary>This endpoint sent a close frame and waits for the peer's (it sends no more data: RFC 6455 5.5.1).</summary>
    CloseSent,

    /// <summary>The close handshake completed, the connection failed, or the transport ended.</summary>
    Closed,
}
