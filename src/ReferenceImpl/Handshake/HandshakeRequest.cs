namespace Conformance.ReferenceImpl.Handshake;

/// <summary>A parsed HTTP request head, the client's half of the opening handshake (RFC 6455 4.1).</summary>
/// <param name="Method">The method token, case as sent (methods are case-sensitive, RFC 7230 3.1.1).</param>
/// <param name="Target">The request-target as sent, e.g. "/chat?room=1".</param>
/// <param name="HttpVersion">The HTTP-version of the request line.</param>
/// <param name="Headers">The header fields in wire order.</param>
public sealed record HandshakeRequest(string Method, string Target, HttpProtocolVersion HttpVersion, HttpHeaders Headers);
