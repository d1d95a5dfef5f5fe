using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Settings of a <see cref="WebSocketClient"/>.</summary>
public sealed record WebSocketClientOptions
{
    /// <summary>Subprotocols to offer, most preferred first (RFC 6455 4.1 item 10).</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>More request header fields (cookies, authorization), sent after the handshake's own.</summary>
    public IReadOnlyList<HttpHeaderField> ExtraHeaders { get; init; } = [];

    /// <summary>An Origin header value, sent when not null (RFC 6455 4.1 item 8).</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// Offer permessage-deflate (RFC 7692) with these parameters; null (the default) offers no extension. When the server
    /// accepts, messages are sent compressed and received ones inflated.
    /// </summary>
    public PerMessageDeflateOptions? PerMessageDeflate { get; init; }

    /// <summary>Bound on TCP connect, TLS and the opening handshake together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="WebSocketClient.CloseAsync"/> and disposal wait for the server to close TCP (RFC 6455 7.1.1).</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Accept any server certificate for wss (e.g. the reference server's self-signed one). Never for real use.</summary>
    public bool AllowUntrustedCertificate { get; init; }

    /// <summary>A PEM file of CA certificates to trust for wss instead of the system's roots.</summary>
    public string? CaCertificatePemPath { get; init; }

    /// <summary>Settings of the connection's state machine; the role is forced to <see cref="Role.Client"/>.</summary>
    public ConnectionOptions ConnectionOptions { get; init; } = new() { Role = Role.Client };

    /// <summary>Bounds on the response head.</summary>
    public HandshakeLimits HandshakeLimits { get; init; } = HandshakeLimits.Default;
}
