using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HttpHeadersTests
{
    private static readonly HttpHeaders Sample = new(
    [
        new("Connection", "keep-alive"),
        new("Sec-WebSocket-Protocol", "chat, , superchat"),
        new("connection", "Upgrade"),
        new("sec-websocket-protocol", "v2.chat"),
    ]);

    [Fact]
    public void Names_compare_case_insensitively_and_order_is_kept()
    {
        Assert.Equal(4, Sample.Count);
        Assert.Equal(2, Sample.CountOf("CONNECTION"));
        Assert.Equal(["keep-alive", "Upgrade"], Sample.GetValues("Connection"));
        Assert.Equal("connection", Sample[2].Name);
        Assert.False(Sample.Contains("Host"));
    }

    [Fact]
    public void Repeated_fields_combine_with_comma_space()
    {
        // RFC 7230 3.2.2.
        Assert.Equal("keep-alive, Upgrade", Sample.GetCombined("Connection"));
        Assert.Null(Sample.GetCombined("Host"));
    }

    [Fact]
    public void Token_lists_span_fields_skip_empty_elements_and_trim_ows()
    {
        // RFC 7230 7: empty list elements are ignored.
        Assert.Equal(["chat", "superchat", "v2.chat"], Sample.GetTokens("Sec-WebSocket-Protocol"));
        Assert.True(Sample.ContainsToken("connection", "upgrade"));
        Assert.True(Sample.ContainsToken("Connection", "KEEP-ALIVE"));
        Assert.False(Sample.ContainsToken("Connection", "close"));
    }
}
