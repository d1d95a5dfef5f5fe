using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Tests.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>The server's choice among permessage-deflate offers (RFC 7692 5, 7.1), through the real handshake.</summary>
public sealed class DeflateNegotiationServerTests
{
    [Theory]
    [InlineData("permessage-deflate", "permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits=10", "permessage-deflate; client_max_window_bits=10")]
    [InlineData("permessage-deflate; server_no_context_takeover", "permessage-deflate; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover", "permessage-deflate; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=8", "permessage-deflate; server_max_window_bits=8")]
    public void Valid_offer_is_accepted_with_the_parameters_it_asked_for(string offer, string response)
    {
        Assert.Equal(response, Answer(offer));
    }

    [Fact]
    public void Offer_with_server_no_context_takeover_is_answered_with_it()
    {
        // RFC 7692 7.1.1.1: a server accepting such an offer MUST include server_no_context_takeover.
        Assert.Contains(PerMessageDeflate.ServerNoContextTakeover, Answer("permessage-deflate; server_no_context_takeover; client_max_window_bits"), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_max_window_bits_answer_is_the_offered_value_or_smaller()
    {
        // RFC 7692 7.1.2.1: the response carries the same or a smaller value than the offer.
        var options = new PerMessageDeflateOptions { ServerMaxWindowBits = 9 };
        Assert.Equal("permessage-deflate; server_max_window_bits=9", Answer("permessage-deflate; server_max_window_bits=12", options));
        Assert.Equal("permessage-deflate; server_max_window_bits=8", Answer("permessage-deflate; server_max_window_bits=8", options));
    }

    [Fact]
    public void Server_may_limit_its_own_window_unasked()
    {
        // RFC 7692 7.1.2.1: a server MAY include server_max_window_bits even when the offer did not.
        Assert.Equal("permessage-deflate; server_max_window_bits=11", Answer("permessage-deflate", new PerMessageDeflateOptions { ServerMaxWindowBits = 11 }));
    }

    [Fact]
    public void Client_max_window_bits_is_answered_only_when_offered()
    {
        // RFC 7692 7.1.2.2: without client_max_window_bits in the offer the response MUST NOT include it.
        var options = new PerMessageDeflateOptions { ClientMaxWindowBits = 10 };
        Assert.Equal("permessage-deflate", Answer("permessage-deflate", options));
        Assert.Equal("permessage-deflate; client_max_window_bits=10", Answer("permessage-deflate; client_max_window_bits", options));
        Assert.Equal("permessage-deflate; client_max_window_bits=9", Answer("permessage-deflate; client_max_window_bits=9", options));
    }

    [Fact]
    public void Server_options_add_no_context_takeover_both_ways()
    {
        // RFC 7692 7.1.1.1 / 7.1.1.2: a server MAY include either parameter unasked.
        var options = new PerMessageDeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true };
        Assert.Equal("permessage-deflate; server_no_context_takeover; client_no_context_takeover", Answer("permessage-deflate", options));
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; server_max_window_bits")]
    [InlineData("permessage-deflate; client_max_window_bits=08")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; server_no_context_takeover=yes")]
    [InlineData("permessage-deflate; x_unknown=1")]
    public void Invalid_offer_is_declined(string offer)
    {
        // RFC 7692 7.1: a server MUST decline an offer with an unknown or repeated parameter or an invalid value.
        Assert.Null(Answer(offer));
    }

    [Fact]
    public void Declined_offer_falls_back_to_the_next_valid_one()
    {
        // RFC 7692 5: offers come in the client's order of preference; each is judged on its own.
        Assert.Equal("permessage-deflate; client_max_window_bits=9", Answer("permessage-deflate; server_max_window_bits=99, permessage-deflate; client_max_window_bits=9"));
    }

    [Fact]
    public void Only_one_of_several_valid_offers_is_accepted()
    {
        // RFC 7692 5: two permessage-deflate elements would both claim RSV1.
        Assert.Equal("permessage-deflate; server_no_context_takeover", Answer("permessage-deflate; server_no_context_takeover, permessage-deflate"));
    }

    [Fact]
    public void Other_extensions_are_not_accepted()
    {
        // RFC 6455 9.1: a server accepts only extensions it supports.
        Assert.Null(Answer("x-webkit-deflate-frame"));
        Assert.Equal("permessage-deflate", Answer("x-webkit-deflate-frame, permessage-deflate"));
    }

    [Fact]
    public void Agreement_is_read_from_the_response()
    {
        // RFC 7692 7.1: the response's parameters are the agreed parameters; absent windows mean 15.
        var accepted = Accepted("permessage-deflate; server_no_context_takeover; server_max_window_bits=9; client_max_window_bits=10");
        var agreed = PerMessageDeflateParameters.FromServerResponse(accepted.AcceptedExtensions);

        Assert.Equal(new PerMessageDeflateParameters { ServerNoContextTakeover = true, ServerMaxWindowBits = 9, ClientMaxWindowBits = 10 }, agreed);
        Assert.Null(PerMessageDeflateParameters.FromServerResponse([]));
    }

    [Fact]
    public void Windows_outside_8_to_15_are_refused_as_options()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateNegotiator(new PerMessageDeflateOptions { ServerMaxWindowBits = 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { ClientMaxWindowBits = 16 }.ToOffer());
    }

    private static string? Answer(string offer, PerMessageDeflateOptions? options = null) =>
        Responses.Parse(Accepted(offer, options).ResponseBytes).Headers.GetCombined("Sec-WebSocket-Extensions");

    private static ServerHandshakeResult.Accepted Accepted(string offer, PerMessageDeflateOptions? options = null)
    {
        var handshake = new ServerHandshakeOptions { ExtensionNegotiator = new PerMessageDeflateNegotiator(options ?? new()) };
        return Assert.IsType<ServerHandshakeResult.Accepted>(ServerHandshake.Evaluate(RequestHead.Valid().Set("Sec-WebSocket-Extensions", offer).Bytes(), handshake));
    }
}
