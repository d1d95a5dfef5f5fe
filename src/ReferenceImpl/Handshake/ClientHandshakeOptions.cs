namespace Conformance.ReferenceImpl.Handshake;

/// <summary>What a client sends in its opening handshake (RFC 6455 4.1).</summary>
public sealed record ClientHandshakeOptions
{
    /// <summary>The Host value: the server's host, with ":port" when not the default (RFC 6455 4.1 item 4).</summary>
    public required string Host { get; init; }

    /// <summary>The request-target, the /resource name/ with its query, e.g. "/chat?room=1" (RFC 6455 4.1 item 3).</summary>
    public string Path { get; init; } = "/";

    /// <summary>An Origin value, sent when not null (RFC 6455 4.1 item 8: browsers MUST, others MAY).</summary>
    public string? Origin { get; init; }

    /// <summary>Subprotocols to offer, most preferred first; unique tokens (RFC 6455 4.1 item 10). None: no header.</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>A raw Sec-WebSocket-Extensions value to offer (RFC 6455 9.1 grammar), or null to offer none.</summary>
    public string? Extensions { get; init; }

    /// <summary>More header fields (cookies, authorization), appended in order after the handshake's own.</summary>
    public IReadOnlyList<HttpHeaderField> ExtraHeaders { get; init; } = [];

    /// <summary>Bounds on the response head.</summary>
    public HandshakeLimits Limits { get; init; } = HandshakeLimits.Default;
}
