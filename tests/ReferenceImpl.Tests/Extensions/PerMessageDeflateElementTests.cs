using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

public sealed class PerMessageDeflateElementTests
{
    [Fact]
    public void All_four_parameters_are_read_from_an_offer()
    {
        var parsed = Parse("permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12");

        Assert.True(parsed.ServerNoContextTakeover);
        Assert.True(parsed.ClientNoContextTakeover);
        Assert.Equal(10, parsed.ServerMaxWindowBits);
        Assert.True(parsed.HasClientMaxWindowBits);
        Assert.Equal(12, parsed.ClientMaxWindowBits);
    }

    [Fact]
    public void Client_max_window_bits_without_a_value_is_allowed_in_an_offer()
    {
        // RFC 7692 7.1.2.2: the offer may carry client_max_window_bits with no value.
        var parsed = Parse("permessage-deflate; client_max_window_bits");

        Assert.True(parsed.HasClientMaxWindowBits);
        Assert.Null(parsed.ClientMaxWindowBits);
    }

    [Fact]
    public void Client_max_window_bits_without_a_value_is_invalid_in_a_response()
    {
        // RFC 7692 7.1.2.2: a response states the window it imposes.
        Assert.Contains("7.1.2.2", Problem("permessage-deflate; client_max_window_bits", isResponse: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_value_counts_as_the_value()
    {
        // RFC 6455 9.1: a quoted-string value is the token it unquotes to.
        Assert.Equal(9, Parse("permessage-deflate; server_max_window_bits=\"9\"").ServerMaxWindowBits);
    }

    [Theory]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10; server_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits; client_max_window_bits=10")]
    public void Duplicate_parameter_is_invalid(string element)
    {
        // RFC 7692 7.1: multiple extension parameters with the same name.
        Assert.Contains("more than once", Problem(element), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("16")]
    [InlineData("0")]
    [InlineData("08")]
    [InlineData("010")]
    [InlineData("+9")]
    [InlineData("1a")]
    [InlineData("abc")]
    public void Window_bits_outside_8_to_15_or_with_leading_zeroes_are_invalid(string value)
    {
        // RFC 7692 7.1.2.1 / 7.1.2.2: a decimal integer 8..15 without leading zeroes.
        Assert.Contains("7.1.2.1", Problem($"permessage-deflate; server_max_window_bits={value}"), StringComparison.Ordinal);
        Assert.Contains("7.1.2.2", Problem($"permessage-deflate; client_max_window_bits={value}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(15)]
    public void Window_bits_8_to_15_are_valid(int bits)
    {
        Assert.Equal(bits, Parse($"permessage-deflate; server_max_window_bits={bits}").ServerMaxWindowBits);
        Assert.Equal(bits, Parse($"permessage-deflate; client_max_window_bits={bits}", isResponse: true).ClientMaxWindowBits);
    }

    [Fact]
    public void Server_max_window_bits_without_a_value_is_invalid()
    {
        // RFC 7692 7.1.2.1: the parameter always has a value.
        Assert.Contains("7.1.2.1", Problem("permessage-deflate; server_max_window_bits"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permessage-deflate; server_no_context_takeover=1")]
    [InlineData("permessage-deflate; client_no_context_takeover=true")]
    public void No_context_takeover_with_a_value_is_invalid(string element)
    {
        // RFC 7692 7.1.1.1 / 7.1.1.2: these parameters have no value.
        Assert.Contains("7.1.1", Problem(element), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permessage-deflate; x_unknown")]
    [InlineData("permessage-deflate; Server_No_Context_Takeover")]
    [InlineData("permessage-deflate; max_window_bits=10")]
    public void Unknown_parameter_is_invalid(string element)
    {
        // RFC 7692 7.1: a parameter not defined for use in an offer or response.
        Assert.Contains("not a permessage-deflate parameter", Problem(element), StringComparison.Ordinal);
    }

    [Fact]
    public void The_element_writes_back_in_the_same_form()
    {
        const string Text = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits";
        Assert.Equal(Text, Parse(Text).ToExtension().ToString());
    }

    private static PerMessageDeflateElement Parse(string element, bool isResponse = false)
    {
        Assert.True(PerMessageDeflateElement.TryParse(Single(element), isResponse, out var parsed, out var problem), problem);
        return parsed;
    }

    private static string Problem(string element, bool isResponse = false)
    {
        Assert.False(PerMessageDeflateElement.TryParse(Single(element), isResponse, out _, out var problem));
        return problem;
    }

    private static ExtensionOffer Single(string element) => Assert.Single(ExtensionHeaderParser.Parse(element));
}
