using System.Text;
using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HandshakeRequestParserTests
{
    private static HandshakeException ParseFails(byte[] head, HandshakeLimits? limits = null) =>
        Assert.Throws<HandshakeException>(() => HandshakeRequestParser.Parse(head, limits ?? HandshakeLimits.Default));

    private static byte[] Raw(string text) => Encoding.Latin1.GetBytes(text);

    [Fact]
    public void Request_line_and_fields_are_parsed()
    {
        var request = HandshakeRequestParser.Parse(RequestHead.Valid().RequestLine("GET /chat?room=1 HTTP/1.1").Set("X-Pad", "  a b  ").Bytes(), HandshakeLimits.Default);

        Assert.Equal("GET", request.Method);
        Assert.Equal("/chat?room=1", request.Target);
        Assert.Equal(new HttpProtocolVersion(1, 1), request.HttpVersion);
        Assert.Equal("server.example.com", request.Headers.GetCombined("host"));
        Assert.Equal("a b", request.Headers.GetCombined("X-Pad"));
        Assert.Equal(RequestHead.SampleKey, request.Headers.GetCombined("Sec-WebSocket-Key"));
    }

    [Fact]
    public void Obs_text_in_a_value_is_kept_as_latin1()
    {
        var request = HandshakeRequestParser.Parse(RequestHead.Valid().Set("X-Name", "caf\u00e9").Bytes(), HandshakeLimits.Default);
        Assert.Equal("caf\u00e9", request.Headers.GetCombined("X-Name"));
    }

    [Theory]
    [InlineData("GET  /chat HTTP/1.1")]
    [InlineData("GET /chat  HTTP/1.1")]
    [InlineData("GET /chat")]
    [InlineData("GET /chat HTTP/1.1 ")]
    [InlineData("G(T /chat HTTP/1.1")]
    [InlineData("GET /chat http/1.1")]
    [InlineData("GET /chat HTTP/1.11")]
    [InlineData("GET /chat\tHTTP/1.1")]
    public void Malformed_request_line_is_rejected_with_400(string line)
    {
        // RFC 7230 3.1.1 / 2.6.
        Assert.Equal(400, ParseFails(RequestHead.Valid().RequestLine(line).Bytes()).StatusCode);
    }

    [Fact]
    public void Obsolete_line_folding_is_rejected_with_400()
    {
        // RFC 7230 3.2.4: obs-fold MUST be rejected with 400 (or replaced).
        var exception = ParseFails(RequestHead.Valid().Add("X-Folded: first").Add(" second").Bytes());
        Assert.Equal(400, exception.StatusCode);
        Assert.Contains("RFC 7230 3.2.4", exception.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_between_name_and_colon_is_rejected_with_400()
    {
        // RFC 7230 3.2.4: a server MUST reject it with 400.
        var exception = ParseFails(RequestHead.Valid().Add("Host : server.example.com").Bytes());
        Assert.Equal(400, exception.StatusCode);
        Assert.Contains("whitespace", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X(Bad): 1")]
    [InlineData("X\u00e9: 1")]
    [InlineData(": no name")]
    [InlineData("No colon here")]
    public void Header_name_that_is_not_a_token_is_rejected_with_400(string line)
    {
        Assert.Equal(400, ParseFails(RequestHead.Valid().Add(line).Bytes()).StatusCode);
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\x01')]
    [InlineData('\x7F')]
    [InlineData('\x1B')]
    public void Control_byte_in_header_value_is_rejected_with_400(char control)
    {
        // RFC 7230 3.2: field-value is VCHAR, obs-text, SP and HTAB.
        var exception = ParseFails(RequestHead.Valid().Add($"X-Value: a{control}b").Bytes());
        Assert.Equal(400, exception.StatusCode);
        Assert.Contains("X-Value", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /chat HTTP/1.1\r\nHost: a\rb\r\n\r\n")]
    [InlineData("GET /chat HTTP/1.1\r\nHost: a\nX-Other: b\r\n\r\n")]
    [InlineData("GET /chat HTTP/1.1\nHost: a\r\n\r\n")]
    public void Bare_cr_or_lf_inside_a_line_is_rejected_with_400(string head)
    {
        // RFC 7230 3: lines end in CRLF; a bare CR or LF is rejected.
        var exception = ParseFails(Raw(head));
        Assert.Equal(400, exception.StatusCode);
        Assert.Contains("bare", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_line_before_request_line_is_rejected_with_400()
    {
        Assert.Equal(400, ParseFails(Raw("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")).StatusCode);
    }

    [Fact]
    public void Incomplete_head_is_rejected_with_400()
    {
        Assert.Equal(400, ParseFails(Raw("GET / HTTP/1.1\r\nHost: a\r\n")).StatusCode);
    }

    [Fact]
    public void Head_larger_than_limit_is_rejected_with_431()
    {
        // RFC 6585 5.
        var head = RequestHead.Valid().Add("X-Pad: " + new string('a', 200)).Bytes();
        var exception = ParseFails(head, new HandshakeLimits { MaxHeadBytes = 128 });
        Assert.Equal(431, exception.StatusCode);
        Assert.Contains("RFC 6585", exception.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void More_header_fields_than_limit_are_rejected_with_431()
    {
        var head = RequestHead.Valid();
        for (var i = 0; i < 10; i++)
        {
            head.Add($"X-Field-{i}: {i}");
        }

        Assert.Equal(431, ParseFails(head.Bytes(), new HandshakeLimits { MaxHeaderCount = 12 }).StatusCode);
        Assert.Equal(15, HandshakeRequestParser.Parse(head.Bytes(), new HandshakeLimits { MaxHeaderCount = 15 }).Headers.Count);
    }

    [Fact]
    public void Header_line_longer_than_limit_is_rejected_with_431()
    {
        var head = RequestHead.Valid().Add("X-Long: " + new string('a', 100)).Bytes();
        Assert.Equal(431, ParseFails(head, new HandshakeLimits { MaxHeaderLineBytes = 64 }).StatusCode);
    }

    [Fact]
    public void Request_line_longer_than_limit_is_rejected_with_414()
    {
        // RFC 7230 3.1.1: a request-target longer than the server parses gets 414.
        var head = RequestHead.Valid().RequestLine("GET /" + new string('a', 100) + " HTTP/1.1").Bytes();
        Assert.Equal(414, ParseFails(head, new HandshakeLimits { MaxHeaderLineBytes = 64 }).StatusCode);
    }
}
