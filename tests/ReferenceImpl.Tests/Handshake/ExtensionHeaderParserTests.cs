using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class ExtensionHeaderParserTests
{
    [Fact]
    public void Extensions_and_parameters_are_parsed_in_order()
    {
        // RFC 6455 9.1: comma-separated extensions, ";"-separated parameters, values optional.
        var offers = ExtensionHeaderParser.Parse("permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-webkit-deflate-frame");

        Assert.Equal(2, offers.Count);
        Assert.Equal("permessage-deflate", offers[0].Name);
        Assert.Equal([new ExtensionParameter("client_max_window_bits", null), new ExtensionParameter("server_max_window_bits", "10")], offers[0].Parameters);
        Assert.Equal("x-webkit-deflate-frame", offers[1].Name);
        Assert.Empty(offers[1].Parameters);
    }

    [Fact]
    public void Quoted_value_is_unquoted()
    {
        // RFC 6455 9.1: token | quoted-string; RFC 7230 3.2.6 quoted-pair.
        var offers = ExtensionHeaderParser.Parse("permessage-deflate; server_max_window_bits=\"10\"; x=\"a\\b\"");
        Assert.Equal("10", offers[0].Parameters[0].Value);
        Assert.Equal("ab", offers[0].Parameters[1].Value);
    }

    [Fact]
    public void Whitespace_around_separators_and_empty_elements_are_accepted()
    {
        var offers = ExtensionHeaderParser.Parse(" , foo ;\tbar = 1 ;baz , , qux ,");
        Assert.Equal(["foo", "qux"], offers.Select(offer => offer.Name));
        Assert.Equal([new ExtensionParameter("bar", "1"), new ExtensionParameter("baz", null)], offers[0].Parameters);
    }

    [Theory]
    [InlineData("a; p=\"1 0\"", "not a token")]
    [InlineData("a; p=\"\"", "not a token")]
    [InlineData("a; p=\"a,b\"", "not a token")]
    [InlineData("a; p=\"10", "no closing")]
    public void Quoted_value_that_is_not_a_token_after_unquoting_is_rejected(string value, string problem)
    {
        // RFC 6455 9.1: the unescaped quoted-string MUST conform to the token ABNF.
        var exception = Assert.Throws<ExtensionFormatException>(() => ExtensionHeaderParser.Parse(value));
        Assert.Contains(problem, exception.Problem, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 9.1", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData(" , ", 3)]
    [InlineData("@ext", 0)]
    [InlineData("a b", 2)]
    [InlineData("a; ", 3)]
    [InlineData("a; =1", 3)]
    [InlineData("a; p=", 5)]
    [InlineData("a; p==1", 5)]
    [InlineData("a; p=1 2", 7)]
    [InlineData("a; p/q", 4)]
    [InlineData("a; p=\u00e9", 5)]
    public void Bad_tokens_are_rejected_naming_the_position(string value, int position)
    {
        // RFC 6455 9.1: extension names, parameter names and values are tokens; 1#extension needs one.
        var exception = Assert.Throws<ExtensionFormatException>(() => ExtensionHeaderParser.Parse(value));
        Assert.Equal(position, exception.Position);
    }

    [Fact]
    public void Try_parse_reports_the_problem_instead_of_throwing()
    {
        Assert.False(ExtensionHeaderParser.TryParse("a;;", out var none, out var error));
        Assert.Null(none);
        Assert.Contains("parameter name", error.Problem, StringComparison.Ordinal);
        Assert.True(ExtensionHeaderParser.TryParse("a", out var offers, out _));
        Assert.Single(offers);
    }

    [Fact]
    public void Formatted_extensions_parse_back_to_the_same_offers()
    {
        ExtensionOffer[] extensions =
        [
            new("permessage-deflate", [new("client_max_window_bits", null), new("server_max_window_bits", "12")]),
            new("x-other"),
        ];
        var text = ExtensionHeaderFormatter.Format(extensions);

        Assert.Equal("permessage-deflate; client_max_window_bits; server_max_window_bits=12, x-other", text);
        var parsed = ExtensionHeaderParser.Parse(text);
        Assert.Equal(extensions.Select(e => e.ToString()), parsed.Select(e => e.ToString()));
        Assert.Throws<ArgumentException>(() => ExtensionHeaderFormatter.Format([new ExtensionOffer("bad name")]));
    }
}
