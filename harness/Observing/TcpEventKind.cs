namespace Conformance.Harness.Observing;

/// <summary>What happened to the transport under the WebSocket.</summary>
public enum TcpEventKind
{
    Connected,
    ConnectFailed,
    TlsEstablished,

    /// <summary>The harness half-closed its side (FIN).</summary>
    SentFin,

    /// <summary>The harness reset the connection (RST).</summary>
    SentReset,

    /// <summary>The harness closed its socket (dropped the connection).</summary>
    Dropped,

    /// <summary>The peer closed its side: the read returned end of stream.</summary>
    PeerEof,

    /// <summary>The peer reset the connection or it broke.</summary>
    PeerReset,
}
