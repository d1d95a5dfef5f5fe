namespace Conformance.ReferenceImpl.Handshake;

/// <summary>What a server accepts in an opening handshake.</summary>
public sealed record ServerHandshakeOptions
{
    /// <summary>Subprotocols the server speaks, most preferred first; each a token (RFC 6455 4.1 item 10).</summary>
    public IReadOnlyList<string> SupportedSubprotocols { get; init; } = [];

    /// <summary>Bounds on the request head.</summary>
    public HandshakeLimits Limits { get; init; } = HandshakeLimits.Default;

    /// <summary>Chooses which extension offers to accept; by default none (permessage-deflate plugs in here).</summary>
    public IExtensionNegotiator ExtensionNegotiator { get; init; } = NoExtensionNegotiator.Instance;

    /// <summary>A Server header value for every response, e.g. "wsconform/0.1"; none when null.</summary>
    public string? ServerHeader { get; init; }
}
