using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Parses the request head of an opening handshake. Syntax only; <see cref="ServerHandshake"/> judges the WebSocket rules.</summary>
public static class HandshakeRequestParser
{
    private const string RequestLineRule = "RFC 7230 3.1.1: request-line = method SP request-target SP HTTP-version CRLF";

    /// <summary>Parses the request head at the start of <paramref name="head"/>; bytes after its CRLF CRLF are ignored.</summary>
    /// <exception cref="HandshakeException">The head is incomplete, too large or malformed; its status code says what to answer.</exception>
    public static HandshakeRequest Parse(ReadOnlySpan<byte> head, HandshakeLimits limits)
    {
        var (startLine, headers) = HttpHeadParser.Parse(head, limits);
        var line = startLine.Span;

        // RFC 7230 3.1.1: a server that receives a request-target longer than it wishes to parse MUST answer 414.
        if (line.Length > limits.MaxHeaderLineBytes)
        {
            throw new HandshakeException(414, "RFC 7230 3.1.1: a request line longer than the server parses is answered with 414 URI Too Long", $"The request line is {line.Length} bytes, more than the limit of {limits.MaxHeaderLineBytes} (HandshakeLimits.MaxHeaderLineBytes).");
        }

        // RFC 7230 3.1.1: exactly one SP between the three parts.
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace < 0 || firstSpace == lastSpace)
        {
            throw new HandshakeException(400, RequestLineRule, $"The request line \"{HttpHeadParser.Show(line)}\" does not have three parts separated by single spaces.");
        }

        var method = line[..firstSpace];
        var target = line[(firstSpace + 1)..lastSpace];
        var version = line[(lastSpace + 1)..];

        // RFC 7230 3.1.1: method = token.
        if (!HttpSyntax.IsToken(method))
        {
            throw new HandshakeException(400, RequestLineRule, $"The method \"{HttpHeadParser.Show(method)}\" is not a token.");
        }

        // RFC 7230 5.3 / RFC 3986: the request-target holds no whitespace or control bytes.
        if (target.IsEmpty)
        {
            throw new HandshakeException(400, RequestLineRule, "The request line has two spaces in a row where the request-target belongs.");
        }

        var badTarget = target.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (badTarget >= 0)
        {
            throw new HandshakeException(400, RequestLineRule, $"The request-target holds {HttpSyntax.Describe(target[badTarget])}, which is not visible ASCII.");
        }

        // RFC 7230 2.6: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive.
        if (!HttpProtocolVersion.TryParse(version, out var httpVersion))
        {
            throw new HandshakeException(400, "RFC 7230 2.6: HTTP-version = \"HTTP/\" DIGIT \".\" DIGIT, case-sensitive", $"\"{HttpHeadParser.Show(version)}\" is not an HTTP-version like HTTP/1.1.");
        }

        return new HandshakeRequest(Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(target), httpVersion, headers);
    }
}
