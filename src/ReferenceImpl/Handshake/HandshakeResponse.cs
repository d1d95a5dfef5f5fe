namespace Conformance.ReferenceImpl.Handshake;

/// <summary>A parsed HTTP response head, the server's half of the opening handshake (RFC 6455 4.2.2).</summary>
/// <param name="HttpVersion">The HTTP-version of the status line.</param>
/// <param name="StatusCode">The three-digit status code, e.g. 101.</param>
/// <param name="ReasonPhrase">The reason phrase, possibly empty.</param>
/// <param name="Headers">The header fields in wire order.</param>
public sealed record HandshakeResponse(HttpProtocolVersion HttpVersion, int StatusCode, string ReasonPhrase, HttpHeaders Headers);
