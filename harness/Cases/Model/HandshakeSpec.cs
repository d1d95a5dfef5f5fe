namespace Conformance.Harness.Cases.Model;

/// <summary>
/// A case's own opening handshake. Without one, the harness sends a valid RFC 6455 request. Header edits apply in
/// order to that valid request; <see cref="RawRequest"/> replaces it entirely.
/// </summary>
public sealed record HandshakeSpec
{
    /// <summary>Header fields to set (replacing any of the same name) or, with a null value, to remove.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> SetHeaders { get; init; } = [];

    /// <summary>Header fields to add after the others (duplicates allowed).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AddHeaders { get; init; } = [];

    public string? Method { get; init; }

    public string? HttpVersion { get; init; }

    /// <summary>The whole request head, sent as is ("{key}" and "{host}" are substituted).</summary>
    public string? RawRequest { get; init; }

    /// <summary>Writes the request in pieces.</summary>
    public Chop? Chop { get; init; }

    /// <summary>Send the steps' frames in the same write as the request (one TCP segment).</summary>
    public bool FramesWithRequest { get; init; }

    /// <summary>
    /// The status codes the RFC suggests (OK). 101 (the default) continues with the steps; any other ends the case there.
    /// When a refusal is expected (101 is not listed), a 101 is FAILED, another error status (4xx, 5xx) NON-STRICT (an
    /// error code, not the suggested one: RFC 6455 4.2.1), and any other status FAILED (not an error code).
    /// </summary>
    public IReadOnlyList<int> ExpectStatus { get; init; } = [101];

    /// <summary>
    /// The request is not a WebSocket handshake at all (no Upgrade to websocket, or no Connection: upgrade, which
    /// RFC 7230 6.7 ignores): the server may serve it as plain HTTP, so every status but 101 passes.
    /// </summary>
    public bool PlainHttp { get; init; }

    /// <summary>Response header fields that must be present with these values (case-insensitive names; values compared as token lists).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExpectHeaders { get; init; } = [];

    /// <summary>Response header fields that must be absent.</summary>
    public IReadOnlyList<string> ExpectAbsent { get; init; } = [];

    /// <summary>Edits to the harness's own response, when it is the server (cases that test a client), or null.</summary>
    public ResponseEdits? Response { get; init; }

    /// <summary>A permessage-deflate offer (it sets Sec-WebSocket-Extensions), or null.</summary>
    public DeflateOffer? Deflate { get; init; }
}
