using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HandshakeResponseParserTests
{
    [Fact]
    public void Status_line_and_fields_are_parsed()
    {
        var response = HandshakeResponseParser.Parse(
            Responses.Head("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", $"Sec-WebSocket-Accept: {RequestHead.SampleAccept}"),
            HandshakeLimits.Default);

        Assert.Equal(HttpProtocolVersion.Http11, response.HttpVersion);
        Assert.Equal(101, response.StatusCode);
        Assert.Equal("Switching Protocols", response.ReasonPhrase);
        Assert.Equal(RequestHead.SampleAccept, response.Headers.GetCombined("sec-websocket-accept"));
    }

    [Fact]
    public void Empty_reason_phrase_after_the_space_is_allowed()
    {
        var response = HandshakeResponseParser.Parse(Responses.Head("HTTP/1.1 101 ", "Upgrade: websocket"), HandshakeLimits.Default);
        Assert.Equal(101, response.StatusCode);
        Assert.Equal("", response.ReasonPhrase);
    }

    [Theory]
    [InlineData("HTTP/1.1 101")]
    [InlineData("HTTP/1.1 1O1 Switching Protocols")]
    [InlineData("HTTP/1.1  101 Switching Protocols")]
    [InlineData("HTTP/1.1 1010 Switching Protocols")]
    [InlineData("HTTPS/1.1 101 Switching Protocols")]
    [InlineData("ICY 200 OK")]
    public void Malformed_status_line_is_rejected(string line)
    {
        // RFC 7230 3.1.2.
        Assert.Throws<HandshakeException>(() => HandshakeResponseParser.Parse(Responses.Head(line, "Upgrade: websocket"), HandshakeLimits.Default));
    }

    [Fact]
    public void Obsolete_line_folding_in_a_response_is_rejected()
    {
        // RFC 7230 3.2.4: a sender MUST NOT generate obs-fold.
        Assert.Throws<HandshakeException>(() => HandshakeResponseParser.Parse(Responses.Head("HTTP/1.1 101 Switching Protocols", "Upgrade:", " websocket"), HandshakeLimits.Default));
    }
}
