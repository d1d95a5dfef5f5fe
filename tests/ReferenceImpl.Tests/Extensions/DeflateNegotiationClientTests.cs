using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Tests.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>The client's judgement of a permessage-deflate response (RFC 7692 7.1), through the real handshake.</summary>
public sealed class DeflateNegotiationClientTests
{
    private static readonly byte[] SampleNonce = Encoding.ASCII.GetBytes("the sample nonce");

    [Fact]
    public void Client_offers_the_parameters_of_its_options()
    {
        Assert.Equal("permessage-deflate; client_max_window_bits", new PerMessageDeflateOptions().ToOffer().ToString());
        Assert.Equal(
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9",
            new PerMessageDeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true, ServerMaxWindowBits = 10, ClientMaxWindowBits = 9 }.ToOffer().ToString());
    }

    [Theory]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate", false, false, 15, 15)]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits=10", false, false, 15, 10)]
    [InlineData("permessage-deflate", "permessage-deflate; server_max_window_bits=10", false, false, 10, 15)]
    [InlineData("permessage-deflate", "permessage-deflate; server_no_context_takeover", true, false, 15, 15)]
    [InlineData("permessage-deflate", "permessage-deflate; client_no_context_takeover", false, true, 15, 15)]
    [InlineData("permessage-deflate; server_max_window_bits=12", "permessage-deflate; server_max_window_bits=9", false, false, 9, 15)]
    public void Valid_response_gives_the_agreed_parameters(string offer, string response, bool serverNoContext, bool clientNoContext, int serverBits, int clientBits)
    {
        var agreed = Accepts(offer, response).PerMessageDeflate;

        Assert.Equal(new PerMessageDeflateParameters
        {
            ServerNoContextTakeover = serverNoContext,
            ClientNoContextTakeover = clientNoContext,
            ServerMaxWindowBits = serverBits,
            ClientMaxWindowBits = clientBits,
        }, agreed);
    }

    [Fact]
    public void Client_keeps_its_own_no_context_takeover_hint()
    {
        // RFC 7692 7.1.1.2: a client that offered client_no_context_takeover does not use context takeover either way.
        Assert.True(Accepts("permessage-deflate; client_no_context_takeover", "permessage-deflate").PerMessageDeflate!.ClientNoContextTakeover);
    }

    [Fact]
    public void Client_keeps_its_own_smaller_window()
    {
        // RFC 7692 7.1.2.2: the server may ignore the offered value; the client still compresses within it.
        Assert.Equal(9, Accepts("permessage-deflate; client_max_window_bits=9", "permessage-deflate; client_max_window_bits=12").PerMessageDeflate!.ClientMaxWindowBits);
    }

    [Fact]
    public void No_response_element_means_no_compression()
    {
        Assert.Null(Accepts("permessage-deflate", null).PerMessageDeflate);
    }

    [Theory]
    [InlineData("permessage-deflate", "permessage-deflate; x_unknown", "not a permessage-deflate parameter")]
    [InlineData("permessage-deflate", "permessage-deflate; server_no_context_takeover; server_no_context_takeover", "more than once")]
    [InlineData("permessage-deflate", "permessage-deflate; server_max_window_bits=16", "7.1.2.1")]
    [InlineData("permessage-deflate", "permessage-deflate; server_max_window_bits=07", "7.1.2.1")]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits", "7.1.2.2")]
    [InlineData("permessage-deflate", "permessage-deflate; client_no_context_takeover=1", "7.1.1")]
    public void Invalid_response_fails_the_connection(string offer, string response, string cited)
    {
        // RFC 7692 7.1: unknown, repeated or invalid parameters in the response MUST fail the connection.
        var failed = Fails(offer, response);
        Assert.Contains(cited, failed.Reason, StringComparison.Ordinal);
        Assert.Contains("RFC 7692 7.1", failed.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_parameter_that_was_not_offered_fails_the_connection()
    {
        // RFC 7692 7.1.2.2: client_max_window_bits in a response to an offer without it.
        Assert.Contains("7.1.2.2", Fails("permessage-deflate", "permessage-deflate; client_max_window_bits=10").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Larger_server_window_than_offered_fails_the_connection()
    {
        // RFC 7692 7.1.2.1: the answer is the offered value or smaller.
        Assert.Contains("more than the 10 offered", Fails("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_max_window_bits=11").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_server_window_answer_fails_the_connection()
    {
        // RFC 7692 7.1.2.1: accepting an offer with server_max_window_bits means answering it.
        Assert.Contains("7.1.2.1", Fails("permessage-deflate; server_max_window_bits=10", "permessage-deflate").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_server_no_context_takeover_answer_fails_the_connection()
    {
        // RFC 7692 7.1.1.1: a server accepting an offer with server_no_context_takeover MUST include it.
        Assert.Contains("7.1.1.1", Fails("permessage-deflate; server_no_context_takeover", "permessage-deflate").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_answering_the_fallback_offer_is_accepted()
    {
        // RFC 7692 5: the response answers one of the offers, not necessarily the first.
        var agreed = Accepts("permessage-deflate; server_max_window_bits=10, permessage-deflate", "permessage-deflate; server_max_window_bits=12").PerMessageDeflate;
        Assert.Equal(12, agreed!.ServerMaxWindowBits);
    }

    [Fact]
    public void Two_permessage_deflate_elements_fail_the_connection()
    {
        // RFC 7692 5: two extensions using RSV1 conflict.
        Assert.Contains("RFC 7692 5", Fails("permessage-deflate, permessage-deflate; client_max_window_bits", "permessage-deflate, permessage-deflate").Reason, StringComparison.Ordinal);
    }

    private static ClientHandshakeResult.Accepted Accepts(string offer, string? response) =>
        Assert.IsType<ClientHandshakeResult.Accepted>(Validate(offer, response));

    private static ClientHandshakeResult.Failed Fails(string offer, string response) =>
        Assert.IsType<ClientHandshakeResult.Failed>(Validate(offer, response));

    private static ClientHandshakeResult Validate(string offer, string? response)
    {
        var client = new ClientHandshake(new ClientHandshakeOptions { Host = "server.example.com", Extensions = offer }, SampleNonce);
        List<string> lines =
        [
            "HTTP/1.1 101 Switching Protocols",
            "Upgrade: websocket",
            "Connection: Upgrade",
            $"Sec-WebSocket-Accept: {RequestHead.SampleAccept}",
        ];
        if (response is not null)
        {
            lines.Add($"Sec-WebSocket-Extensions: {response}");
        }

        return client.Validate(Responses.Head([.. lines]));
    }
}
