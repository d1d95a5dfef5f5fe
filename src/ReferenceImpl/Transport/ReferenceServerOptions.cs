using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Settings of the <see cref="ReferenceServer"/>.</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>
    /// Where to listen: <c>ws://127.0.0.1:PORT/</c>, <c>wss://127.0.0.1:PORT/</c> (port 0 picks a free one),
    /// <c>ws+unix:///path/to.sock</c>. Only loopback hosts or localhost are accepted.
    /// </summary>
    public Uri Listen { get; init; } = new("ws://127.0.0.1:9001/");

    /// <summary>PEM certificate for wss; with <see cref="KeyPemPath"/>. Without both, wss uses a generated self-signed certificate.</summary>
    public string? CertificatePemPath { get; init; }

    /// <summary>PEM private key matching <see cref="CertificatePemPath"/>.</summary>
    public string? KeyPemPath { get; init; }

    /// <summary>A client that has not completed the TLS and HTTP upgrade within this time (from its accept) is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An open connection that receives nothing for this long is closed with 1001 (going away).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After a close frame was sent, how long to wait for the peer's close (and for writes) before closing TCP anyway.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Settings of each connection's state machine; the role is forced to <see cref="Role.Server"/>. An echo server
    /// compresses at the fastest level by default (<see cref="Extensions.MessageDeflater.FastestLevel"/>): its choice, for throughput.
    /// </summary>
    public ConnectionOptions ConnectionOptions { get; init; } = new() { Role = Role.Server, DeflateLevel = FastDeflateLevel };

    /// <summary>The reference server's default compression level.</summary>
    public const int FastDeflateLevel = Extensions.MessageDeflater.FastestLevel;

    /// <summary>Subprotocols the server speaks, most preferred first (RFC 6455 4.2.2 item 5.3).</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>Bounds on the request head (431 beyond them).</summary>
    public HandshakeLimits HandshakeLimits { get; init; } = HandshakeLimits.Default;

    /// <summary>A Server header for every response; none when null.</summary>
    public string? ServerHeader { get; init; } = "wsconform-reference";

    /// <summary>
    /// permessage-deflate (RFC 7692): accepted when a client offers it, with these demands; null turns it off (no offer is
    /// accepted, RSV1 stays a 1002 failure). On by default, asking for nothing beyond what the client offers.
    /// </summary>
    public PerMessageDeflateOptions? PerMessageDeflate { get; init; } = new();

    /// <summary>
    /// Open WebSocket connections (upgraded, until their socket is closed) served at once. A client arriving beyond it is
    /// answered 503 at once, without its request being read; one whose handshake completes when the limit was reached
    /// meanwhile is answered 503 in reply to its request. Connections still in their opening handshake do not count here
    /// (<see cref="MaxPendingHandshakes"/> bounds them).
    /// </summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>The default <see cref="MaxConnections"/>: ten thousand idle connections fit, with room to spare.</summary>
    public const int DefaultMaxConnections = 16_384;

    /// <summary>
    /// Connections accepted but still in their opening handshake (TLS and the request head). A connection arriving when
    /// this many are pending evicts the oldest of them, which has had the most time, once the server has waited on it for
    /// <see cref="EvictionGrace"/>: slow or stalled clients (slowloris) cannot keep a prompt one out. Each pending
    /// connection holds at most one head buffer (<see cref="HandshakeLimits"/>), and only once its first bytes arrived.
    /// </summary>
    public int MaxPendingHandshakes { get; init; } = DefaultMaxPendingHandshakes;

    /// <summary>
    /// The default <see cref="MaxPendingHandshakes"/>: a slowloris of a few thousand sockets is simply held (each at most
    /// one 16 KiB head buffer, dropped at the handshake timeout) while prompt clients go on getting in.
    /// </summary>
    public const int DefaultMaxPendingHandshakes = 4096;

    /// <summary>
    /// How long the server waits on a pending connection's handshake before a newcomer can evict it. At the bound with
    /// none waited on that long (a burst of clients, or a server too busy to read them yet), the server stops accepting
    /// until one completes its handshake or comes of age; new connections wait in the listen backlog meanwhile. So a
    /// burst larger than the bound is slowed, not evicted.
    /// </summary>
    public TimeSpan EvictionGrace { get; init; } = TimeSpan.FromSeconds(1);
}
