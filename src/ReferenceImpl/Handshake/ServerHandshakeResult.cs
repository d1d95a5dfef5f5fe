namespace Conformance.ReferenceImpl.Handshake;

/// <summary>What a server does with a request head: <see cref="Accepted"/> or <see cref="Rejected"/>; write <see cref="ResponseBytes"/> either way.</summary>
public abstract record ServerHandshakeResult
{
    private ServerHandshakeResult(ReadOnlyMemory<byte> responseBytes) => ResponseBytes = responseBytes;

    /// <summary>The complete response head (and body, for a rejection) to send.</summary>
    public ReadOnlyMemory<byte> ResponseBytes { get; }

    /// <summary>The handshake is valid: send the 101 response, then the connection speaks WebSocket (RFC 6455 4.2.2).</summary>
    /// <param name="Request">The request as parsed.</param>
    /// <param name="ResponseBytes">The 101 Switching Protocols head, CRLF CRLF included.</param>
    /// <param name="SelectedSubprotocol">The subprotocol answered, or null when none.</param>
    /// <param name="AcceptedExtensions">The extensions answered, in order; empty when none.</param>
    public sealed record Accepted(HandshakeRequest Request, ReadOnlyMemory<byte> ResponseBytes, string? SelectedSubprotocol, IReadOnlyList<ExtensionOffer> AcceptedExtensions)
        : ServerHandshakeResult(ResponseBytes);

    /// <summary>The handshake is refused: send the error response, then close the connection (RFC 6455 4.2.1).</summary>
    /// <param name="StatusCode">The HTTP status sent, e.g. 400, 426, 431.</param>
    /// <param name="ResponseBytes">The full response: head with Content-Length and Connection: close, and a text body giving the reason.</param>
    /// <param name="Reason">What was wrong and the rule it breaks, with its RFC section.</param>
    /// <param name="Rule">The rule broken alone, citing its RFC section.</param>
    /// <param name="Request">The request as parsed, or null when the head itself could not be parsed.</param>
    public sealed record Rejected(int StatusCode, ReadOnlyMemory<byte> ResponseBytes, string Reason, string Rule, HandshakeRequest? Request)
        : ServerHandshakeResult(ResponseBytes);
}
