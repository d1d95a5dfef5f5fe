using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Parses the response head of an opening handshake. Syntax only; <see cref="ClientHandshake"/> judges the WebSocket rules.</summary>
public static class HandshakeResponseParser
{
    private const string StatusLineRule = "RFC 7230 3.1.2: status-line = HTTP-version SP status-code SP reason-phrase CRLF, status-code = 3DIGIT";

    /// <summary>Parses the response head at the start of <paramref name="head"/>; bytes after its CRLF CRLF (a first frame) are ignored.</summary>
    /// <exception cref="HandshakeException">The head is incomplete, too large or malformed.</exception>
    public static HandshakeResponse Parse(ReadOnlySpan<byte> head, HandshakeLimits limits)
    {
        var (startLine, headers) = HttpHeadParser.Parse(head, limits);
        var line = startLine.Span;

        if (line.Length > limits.MaxHeaderLineBytes)
        {
            throw new HandshakeException(431, HttpHeadParser.TooLargeRule, $"The status line is {line.Length} bytes, more than the limit of {limits.MaxHeaderLineBytes} (HandshakeLimits.MaxHeaderLineBytes).");
        }

        // RFC 7230 3.1.2: HTTP-version SP 3DIGIT SP reason-phrase; the second SP is required even with an empty reason.
        if (line.Length < 13 || line[8] != (byte)' ' || line[12] != (byte)' ')
        {
            throw new HandshakeException(400, StatusLineRule, $"The status line \"{HttpHeadParser.Show(line)}\" is not HTTP-version SP status-code SP reason-phrase.");
        }

        if (!HttpProtocolVersion.TryParse(line[..8], out var version))
        {
            throw new HandshakeException(400, "RFC 7230 2.6: HTTP-version = \"HTTP/\" DIGIT \".\" DIGIT, case-sensitive", $"\"{HttpHeadParser.Show(line[..8])}\" is not an HTTP-version like HTTP/1.1.");
        }

        var code = line[9..12];
        if (!char.IsAsciiDigit((char)code[0]) || !char.IsAsciiDigit((char)code[1]) || !char.IsAsciiDigit((char)code[2]))
        {
            throw new HandshakeException(400, StatusLineRule, $"The status code \"{HttpHeadParser.Show(code)}\" is not three digits.");
        }

        // RFC 7230 3.1.2: reason-phrase = *( HTAB / SP / VCHAR / obs-text ).
        var reason = line[13..];
        foreach (var b in reason)
        {
            if (!HttpSyntax.IsFieldValueByte(b))
            {
                throw new HandshakeException(400, StatusLineRule, $"The reason phrase holds {HttpSyntax.Describe(b)}, which is not allowed there.");
            }
        }

        var statusCode = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        return new HandshakeResponse(version, statusCode, Encoding.Latin1.GetString(reason), headers);
    }
}
