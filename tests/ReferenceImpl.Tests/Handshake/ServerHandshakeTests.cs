using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class ServerHandshakeTests
{
    private static readonly ServerHandshakeOptions Options = new();

    private static ServerHandshakeResult.Accepted Accepted(RequestHead head, ServerHandshakeOptions? options = null) =>
        Assert.IsType<ServerHandshakeResult.Accepted>(ServerHandshake.Evaluate(head.Bytes(), options ?? Options));

    private static ServerHandshakeResult.Rejected Rejected(RequestHead head, ServerHandshakeOptions? options = null) =>
        Assert.IsType<ServerHandshakeResult.Rejected>(ServerHandshake.Evaluate(head.Bytes(), options ?? Options));

    private static HandshakeResponse RejectedWith(int statusCode, RequestHead head, ServerHandshakeOptions? options = null)
    {
        var rejected = Rejected(head, options);
        var response = Responses.Parse(rejected.ResponseBytes);
        Assert.Equal(statusCode, rejected.StatusCode);
        Assert.Equal(statusCode, response.StatusCode);
        return response;
    }

    [Fact]
    public void Valid_request_is_answered_with_101_upgrade_connection_and_accept()
    {
        // RFC 6455 4.2.2 item 5.
        var accepted = Accepted(RequestHead.Valid());
        var response = Responses.Parse(accepted.ResponseBytes);

        Assert.Equal(101, response.StatusCode);
        Assert.Equal("Switching Protocols", response.ReasonPhrase);
        Assert.Equal("websocket", response.Headers.GetCombined("Upgrade"));
        Assert.Equal("Upgrade", response.Headers.GetCombined("Connection"));
        Assert.Equal(RequestHead.SampleAccept, response.Headers.GetCombined("Sec-WebSocket-Accept"));
        Assert.False(response.Headers.Contains("Sec-WebSocket-Protocol"));
        Assert.False(response.Headers.Contains("Sec-WebSocket-Extensions"));
        Assert.Equal("/chat", accepted.Request.Target);

        // The 101 head is the whole response: nothing follows its CRLF CRLF.
        Assert.Equal(HeadReadStatus.Complete, HttpHeadReader.TryFindEnd(accepted.ResponseBytes.Span, HandshakeLimits.Default, out var length));
        Assert.Equal(accepted.ResponseBytes.Length, length);
    }

    [Fact]
    public void Bytes_after_the_head_do_not_affect_the_handshake()
    {
        byte[] request = [.. RequestHead.Valid().Bytes(), 0x81, 0x80, 1, 2, 3, 4];
        Assert.IsType<ServerHandshakeResult.Accepted>(ServerHandshake.Evaluate(request, Options));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("get")]
    [InlineData("HEAD")]
    public void Method_other_than_get_is_rejected_with_405_and_allow_get(string method)
    {
        // RFC 6455 4.2.1 item 1; RFC 7231 6.5.5: 405 carries Allow.
        var response = RejectedWith(405, RequestHead.Valid().RequestLine($"{method} /chat HTTP/1.1"));
        Assert.Equal("GET", response.Headers.GetCombined("Allow"));
    }

    [Fact]
    public void Http_1_0_request_is_rejected_with_400()
    {
        // RFC 6455 4.2.1 item 1: HTTP/1.1 or higher.
        RejectedWith(400, RequestHead.Valid().RequestLine("GET /chat HTTP/1.0"));
    }

    [Theory]
    [InlineData("HTTP/2.0")]
    [InlineData("HTTP/0.9")]
    public void Other_major_http_version_is_rejected_with_505(string version)
    {
        // RFC 7231 6.6.6.
        RejectedWith(505, RequestHead.Valid().RequestLine($"GET /chat {version}"));
    }

    [Fact]
    public void Higher_http_1_minor_version_is_accepted()
    {
        // RFC 6455 4.2.1 item 1: "HTTP/1.1 or higher".
        Accepted(RequestHead.Valid().RequestLine("GET /chat HTTP/1.2"));
    }

    [Fact]
    public void Missing_host_is_rejected_with_400()
    {
        // RFC 6455 4.2.1 item 2, RFC 7230 5.4.
        var rejected = Rejected(RequestHead.Valid().Without("Host"));
        Assert.Equal(400, rejected.StatusCode);
        Assert.Contains("Host", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 4.2.1", rejected.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_host_is_rejected_with_400()
    {
        // RFC 7230 5.4: more than one Host is answered with 400.
        RejectedWith(400, RequestHead.Valid().Add("Host: other.example.com"));
    }

    [Fact]
    public void Empty_host_is_rejected_with_400()
    {
        RejectedWith(400, RequestHead.Valid().Set("Host", ""));
    }

    [Fact]
    public void Missing_upgrade_is_rejected_with_400()
    {
        // RFC 6455 4.2.1 item 3.
        RejectedWith(400, RequestHead.Valid().Without("Upgrade"));
    }

    [Theory]
    [InlineData("h2c")]
    [InlineData("websocket2")]
    [InlineData("web socket")]
    public void Upgrade_without_websocket_token_is_rejected_with_400(string upgrade)
    {
        RejectedWith(400, RequestHead.Valid().Set("Upgrade", upgrade));
    }

    [Theory]
    [InlineData("WebSocket")]
    [InlineData("WEBSOCKET")]
    [InlineData("h2c, websocket")]
    public void Upgrade_token_is_case_insensitive(string upgrade)
    {
        // RFC 6455 4.2.1 item 3: "treated as an ASCII case-insensitive value".
        Accepted(RequestHead.Valid().Set("Upgrade", upgrade));
    }

    [Fact]
    public void Missing_connection_upgrade_is_rejected_with_400()
    {
        // RFC 6455 4.2.1 item 4.
        RejectedWith(400, RequestHead.Valid().Without("Connection"));
        RejectedWith(400, RequestHead.Valid().Set("Connection", "keep-alive"));
        RejectedWith(400, RequestHead.Valid().Set("Connection", "Upgraded"));
    }

    [Theory]
    [InlineData("keep-alive, Upgrade")]
    [InlineData("upgrade")]
    [InlineData("Keep-Alive,UPGRADE")]
    public void Connection_header_token_list_with_keep_alive_is_accepted(string connection)
    {
        // RFC 6455 4.2.1 item 4: Connection includes the token "Upgrade", case-insensitive.
        Accepted(RequestHead.Valid().Set("Connection", connection));
    }

    [Fact]
    public void Connection_tokens_split_across_fields_are_accepted()
    {
        Accepted(RequestHead.Valid().Set("Connection", "keep-alive").Add("Connection: Upgrade"));
    }

    [Fact]
    public void Missing_key_is_rejected_with_400()
    {
        // RFC 6455 4.2.1 item 5.
        RejectedWith(400, RequestHead.Valid().Without("Sec-WebSocket-Key"));
    }

    [Theory]
    [InlineData("dGhlIHNhbXBsZQ==")]
    [InlineData("dGhlIHNhbXBsZSBub25jZSE=")]
    [InlineData("not base64 at all")]
    [InlineData("")]
    public void Key_not_decoding_to_16_bytes_is_rejected(string key)
    {
        // RFC 6455 4.2.1 item 5: base64 that decodes to 16 bytes.
        var rejected = Rejected(RequestHead.Valid().Set("Sec-WebSocket-Key", key));
        Assert.Equal(400, rejected.StatusCode);
        Assert.Contains("16 bytes", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_is_rejected_with_400()
    {
        // RFC 6455 11.3.1: Sec-WebSocket-Key MUST NOT appear more than once in a request.
        var rejected = Rejected(RequestHead.Valid().Add("Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=="));
        Assert.Equal(400, rejected.StatusCode);
        Assert.Contains("11.3.1", rejected.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("12")]
    [InlineData("14")]
    [InlineData("0")]
    [InlineData("255")]
    public void Version_other_than_13_gets_426_with_supported_version(string version)
    {
        // RFC 6455 4.2.2 / 4.4: 426 with Sec-WebSocket-Version listing what the server speaks.
        var response = RejectedWith(426, RequestHead.Valid().Set("Sec-WebSocket-Version", version));
        Assert.Equal("13", response.Headers.GetCombined("Sec-WebSocket-Version"));
        Assert.Equal("websocket", response.Headers.GetCombined("Upgrade"));
    }

    [Fact]
    public void Missing_version_gets_426_with_supported_version()
    {
        var response = RejectedWith(426, RequestHead.Valid().Without("Sec-WebSocket-Version"));
        Assert.Equal("13", response.Headers.GetCombined("Sec-WebSocket-Version"));
    }

    [Theory]
    [InlineData("13, 8")]
    [InlineData("abc")]
    [InlineData("013")]
    [InlineData("256")]
    [InlineData("")]
    public void Malformed_version_is_rejected_with_400(string version)
    {
        // RFC 6455 11.3.5: version is one number 0-255.
        RejectedWith(400, RequestHead.Valid().Set("Sec-WebSocket-Version", version));
    }

    [Fact]
    public void Duplicate_version_is_rejected_with_400()
    {
        // RFC 6455 11.3.5: Sec-WebSocket-Version MUST NOT appear more than once in a request.
        RejectedWith(400, RequestHead.Valid().Add("Sec-WebSocket-Version: 13"));
    }

    [Fact]
    public void Rejection_is_a_complete_response_with_reason_body_and_connection_close()
    {
        var rejected = Rejected(RequestHead.Valid().Without("Host"));
        var response = Responses.Parse(rejected.ResponseBytes);
        var body = Responses.Body(rejected.ResponseBytes);

        Assert.Equal("Bad Request", response.ReasonPhrase);
        Assert.True(response.Headers.ContainsToken("Connection", "close"));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetCombined("Content-Length"));
        Assert.StartsWith("text/plain", response.Headers.GetCombined("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("Host", body, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 4.2.1", body, StringComparison.Ordinal);
        Assert.NotNull(rejected.Request);
    }

    [Fact]
    public void Unparseable_head_is_rejected_without_a_request()
    {
        var rejected = Rejected(RequestHead.Valid().Add(" folded"));
        Assert.Equal(400, rejected.StatusCode);
        Assert.Null(rejected.Request);
    }

    [Fact]
    public void Head_larger_than_limit_is_rejected()
    {
        // RFC 6585 5: 431 Request Header Fields Too Large.
        var options = new ServerHandshakeOptions { Limits = new HandshakeLimits { MaxHeadBytes = 256 } };
        var response = RejectedWith(431, RequestHead.Valid().Add("Cookie: " + new string('c', 300)), options);
        Assert.Equal("Request Header Fields Too Large", response.ReasonPhrase);
    }

    [Fact]
    public void Too_many_header_fields_are_rejected_with_431()
    {
        var head = RequestHead.Valid();
        for (var i = 0; i < 101; i++)
        {
            head.Add($"X-{i}: {i}");
        }

        RejectedWith(431, head);
    }

    [Fact]
    public void Subprotocol_first_server_preference_offered_by_client_is_selected()
    {
        // RFC 6455 4.2.2 item 5.3: the server picks one of the client's values.
        var options = new ServerHandshakeOptions { SupportedSubprotocols = ["v2.chat", "chat"] };
        var accepted = Accepted(RequestHead.Valid().Set("Sec-WebSocket-Protocol", "chat, superchat").Add("Sec-WebSocket-Protocol: v2.chat"), options);

        Assert.Equal("v2.chat", accepted.SelectedSubprotocol);
        Assert.Equal("v2.chat", Responses.Parse(accepted.ResponseBytes).Headers.GetCombined("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public void Subprotocol_not_offered_is_never_selected()
    {
        // RFC 6455 4.2.2 item 5.3: never a value the client did not send; no header when none matches.
        var options = new ServerHandshakeOptions { SupportedSubprotocols = ["chat"] };
        var accepted = Accepted(RequestHead.Valid().Set("Sec-WebSocket-Protocol", "superchat, Chat"), options);

        Assert.Null(accepted.SelectedSubprotocol);
        Assert.False(Responses.Parse(accepted.ResponseBytes).Headers.Contains("Sec-WebSocket-Protocol"));
        Assert.Null(Accepted(RequestHead.Valid(), options).SelectedSubprotocol);
    }

    [Theory]
    [InlineData("chat, ch@t")]
    [InlineData("chat, chat")]
    [InlineData("")]
    [InlineData(" , ")]
    public void Malformed_subprotocol_offer_is_rejected_with_400(string offer)
    {
        // RFC 6455 4.1 item 10: a list of one or more unique tokens.
        RejectedWith(400, RequestHead.Valid().Set("Sec-WebSocket-Protocol", offer));
    }

    [Fact]
    public void Extension_offers_are_not_accepted_by_default()
    {
        // RFC 6455 9.1: a server accepts only what it supports; this one supports none yet.
        var accepted = Accepted(RequestHead.Valid().Set("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));

        Assert.Empty(accepted.AcceptedExtensions);
        Assert.False(Responses.Parse(accepted.ResponseBytes).Headers.Contains("Sec-WebSocket-Extensions"));
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits=\"1 0\"")]
    [InlineData("permessage-deflate;;")]
    [InlineData("")]
    public void Malformed_extension_offer_is_rejected_with_400(string offer)
    {
        // RFC 6455 9.1 grammar.
        var rejected = Rejected(RequestHead.Valid().Set("Sec-WebSocket-Extensions", offer));
        Assert.Equal(400, rejected.StatusCode);
        Assert.Contains("9.1", rejected.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_negotiator_answers_the_extensions_it_accepts()
    {
        var options = new ServerHandshakeOptions { ExtensionNegotiator = new AcceptFirstNegotiator() };
        var accepted = Accepted(RequestHead.Valid().Set("Sec-WebSocket-Extensions", "x-test; a=1, x-other"), options);

        Assert.Equal("x-test; a=1", Responses.Parse(accepted.ResponseBytes).Headers.GetCombined("Sec-WebSocket-Extensions"));
        Assert.Equal("x-test", Assert.Single(accepted.AcceptedExtensions).Name);
    }

    [Fact]
    public void Extension_negotiator_accepting_an_unoffered_extension_is_a_programming_error()
    {
        var options = new ServerHandshakeOptions { ExtensionNegotiator = new AcceptUnofferedNegotiator() };
        Assert.Throws<InvalidOperationException>(() => ServerHandshake.Evaluate(RequestHead.Valid().Set("Sec-WebSocket-Extensions", "x-test").Bytes(), options));
    }

    [Fact]
    public void Server_header_is_sent_when_configured()
    {
        var options = new ServerHandshakeOptions { ServerHeader = "wsconform/0.1" };
        Assert.Equal("wsconform/0.1", Responses.Parse(Accepted(RequestHead.Valid(), options).ResponseBytes).Headers.GetCombined("Server"));
        Assert.Equal("wsconform/0.1", Responses.Parse(Rejected(RequestHead.Valid().Without("Host"), options).ResponseBytes).Headers.GetCombined("Server"));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ServerHandshake.Evaluate(RequestHead.Valid().Bytes(), new ServerHandshakeOptions { SupportedSubprotocols = ["a b"] }));
        Assert.Throws<ArgumentException>(() => ServerHandshake.Evaluate(RequestHead.Valid().Bytes(), new ServerHandshakeOptions { ServerHeader = "a\r\nX-Injected: 1" }));
    }

    private sealed class AcceptFirstNegotiator : IExtensionNegotiator
    {
        public IReadOnlyList<ExtensionOffer> Negotiate(IReadOnlyList<ExtensionOffer> offers) => [offers[0]];
    }

    private sealed class AcceptUnofferedNegotiator : IExtensionNegotiator
    {
        public IReadOnlyList<ExtensionOffer> Negotiate(IReadOnlyList<ExtensionOffer> offers) => [new ExtensionOffer("x-never-offered")];
    }
}
