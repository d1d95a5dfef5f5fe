using System.Text;
using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class ClientHandshakeTests
{
    // RFC 6455 1.3: the sample nonce "the sample nonce" gives key dGhlIHNhbXBsZSBub25jZQ==.
    private static readonly byte[] SampleNonce = Encoding.ASCII.GetBytes("the sample nonce");

    private static ClientHandshake Client(ClientHandshakeOptions? options = null) =>
        new(options ?? new ClientHandshakeOptions { Host = "server.example.com", Path = "/chat" }, SampleNonce);

    private static List<string> GoodResponse() =>
    [
        "HTTP/1.1 101 Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        $"Sec-WebSocket-Accept: {RequestHead.SampleAccept}",
    ];

    private static ClientHandshakeResult.Failed Fails(ClientHandshake client, IEnumerable<string> lines) =>
        Assert.IsType<ClientHandshakeResult.Failed>(client.Validate(Responses.Head([.. lines])));

    private static ClientHandshakeResult.Accepted Accepts(ClientHandshake client, IEnumerable<string> lines) =>
        Assert.IsType<ClientHandshakeResult.Accepted>(client.Validate(Responses.Head([.. lines])));

    private static List<string> Replace(List<string> lines, string name, string? line)
    {
        lines.RemoveAll(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        if (line is not null)
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public void Request_is_get_http11_with_host_upgrade_connection_key_and_version_13()
    {
        // RFC 6455 4.1 items 1-9.
        var client = Client(new ClientHandshakeOptions
        {
            Host = "server.example.com:8080",
            Path = "/chat?room=1",
            Origin = "http://example.com",
            Subprotocols = ["chat", "superchat"],
            Extensions = "permessage-deflate; client_max_window_bits",
            ExtraHeaders = [new("Authorization", "Bearer abc")],
        });
        var request = HandshakeRequestParser.Parse(client.RequestBytes.Span, HandshakeLimits.Default);

        Assert.Equal("GET", request.Method);
        Assert.Equal("/chat?room=1", request.Target);
        Assert.Equal(HttpProtocolVersion.Http11, request.HttpVersion);
        Assert.Equal("server.example.com:8080", request.Headers.GetCombined("Host"));
        Assert.Equal("websocket", request.Headers.GetCombined("Upgrade"));
        Assert.Equal("Upgrade", request.Headers.GetCombined("Connection"));
        Assert.Equal(RequestHead.SampleKey, request.Headers.GetCombined("Sec-WebSocket-Key"));
        Assert.Equal("13", request.Headers.GetCombined("Sec-WebSocket-Version"));
        Assert.Equal("http://example.com", request.Headers.GetCombined("Origin"));
        Assert.Equal("chat, superchat", request.Headers.GetCombined("Sec-WebSocket-Protocol"));
        Assert.Equal("permessage-deflate; client_max_window_bits", request.Headers.GetCombined("Sec-WebSocket-Extensions"));
        Assert.Equal("Bearer abc", request.Headers.GetCombined("Authorization"));
        Assert.Equal(RequestHead.SampleKey, client.Key);
        Assert.Equal(RequestHead.SampleAccept, client.ExpectedAccept);
    }

    [Fact]
    public void Minimal_request_has_no_optional_fields()
    {
        var request = HandshakeRequestParser.Parse(Client().RequestBytes.Span, HandshakeLimits.Default);
        Assert.Equal(5, request.Headers.Count);
        Assert.False(request.Headers.Contains("Origin"));
        Assert.False(request.Headers.Contains("Sec-WebSocket-Protocol"));
        Assert.False(request.Headers.Contains("Sec-WebSocket-Extensions"));
    }

    [Fact]
    public void Key_is_a_fresh_16_byte_nonce_per_connection()
    {
        // RFC 6455 4.1 item 7: randomly selected 16-byte nonce, base64, per connection.
        var options = new ClientHandshakeOptions { Host = "h" };
        var first = ClientHandshake.Create(options);
        var second = ClientHandshake.Create(options);

        Assert.True(AcceptKey.IsValidClientKey(first.Key));
        Assert.NotEqual(first.Key, second.Key);
        Assert.Throws<ArgumentException>(() => new ClientHandshake(options, new byte[8]));
    }

    [Fact]
    public void Client_accepts_a_valid_101()
    {
        var accepted = Accepts(Client(), GoodResponse());
        Assert.Equal(101, accepted.Response.StatusCode);
        Assert.Null(accepted.Subprotocol);
        Assert.Empty(accepted.Extensions);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("HTTP/1.1 400 Bad Request")]
    [InlineData("HTTP/1.1 426 Upgrade Required")]
    [InlineData("HTTP/1.1 302 Found")]
    public void Client_rejects_non_101_status(string statusLine)
    {
        // RFC 6455 4.1: only 101 completes the handshake.
        var lines = GoodResponse();
        lines[0] = statusLine;
        var failed = Fails(Client(), lines);

        Assert.Equal(int.Parse(statusLine[9..12], System.Globalization.CultureInfo.InvariantCulture), failed.StatusCode);
        Assert.Contains(statusLine[9..12], failed.Reason, StringComparison.Ordinal);
        Assert.StartsWith("RFC 6455 4.1", failed.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Upgrade: h2c")]
    [InlineData("Upgrade: websocket, h2c")]
    public void Client_rejects_missing_or_wrong_upgrade(string? upgrade)
    {
        // RFC 6455 4.1: Upgrade missing or not "websocket" MUST fail the connection.
        var failed = Fails(Client(), Replace(GoodResponse(), "Upgrade", upgrade));
        Assert.Contains("Upgrade", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_upgrade_check_is_case_insensitive()
    {
        Accepts(Client(), Replace(GoodResponse(), "Upgrade", "Upgrade: WebSocket"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Connection: keep-alive")]
    [InlineData("Connection: close")]
    public void Client_rejects_missing_connection_upgrade(string? connection)
    {
        // RFC 6455 4.1: Connection without the token "Upgrade" MUST fail the connection.
        var failed = Fails(Client(), Replace(GoodResponse(), "Connection", connection));
        Assert.Contains("Connection", failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Connection: upgrade")]
    [InlineData("Connection: keep-alive, Upgrade")]
    public void Client_connection_check_is_a_case_insensitive_token_list(string connection)
    {
        Accepts(Client(), Replace(GoodResponse(), "Connection", connection));
    }

    [Theory]
    [InlineData("Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==")]
    [InlineData("Sec-WebSocket-Accept: S3PPLMBITXAQ9KYGZZHZRBK+XOO=")]
    [InlineData(null)]
    public void Client_rejects_wrong_accept_value(string? accept)
    {
        // RFC 6455 4.1: a missing or wrong Sec-WebSocket-Accept MUST fail the connection.
        var failed = Fails(Client(), Replace(GoodResponse(), "Sec-WebSocket-Accept", accept));
        Assert.Contains(RequestHead.SampleAccept, failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_rejects_duplicate_accept_fields()
    {
        var lines = GoodResponse();
        lines.Add($"Sec-WebSocket-Accept: {RequestHead.SampleAccept}");
        Fails(Client(), lines);
    }

    [Fact]
    public void Client_rejects_unoffered_extension()
    {
        // RFC 6455 4.1: an extension not in the client's handshake MUST fail the connection.
        var lines = GoodResponse();
        lines.Add("Sec-WebSocket-Extensions: permessage-deflate");
        var failed = Fails(Client(), lines);
        Assert.Contains("permessage-deflate", failed.Reason, StringComparison.Ordinal);

        var offering = Client(new ClientHandshakeOptions { Host = "h", Extensions = "permessage-deflate" });
        var other = GoodResponse();
        other.Add("Sec-WebSocket-Extensions: x-webkit-deflate-frame");
        Fails(offering, other);
    }

    [Fact]
    public void Client_accepts_an_offered_extension()
    {
        var client = Client(new ClientHandshakeOptions { Host = "h", Extensions = "permessage-deflate; client_max_window_bits, x-other" });
        var lines = GoodResponse();
        lines.Add("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10");

        var accepted = Accepts(client, lines);
        Assert.Equal("permessage-deflate", Assert.Single(accepted.Extensions).Name);
        Assert.Equal(2, client.OfferedExtensions.Count);
    }

    [Fact]
    public void Client_rejects_malformed_extensions_header()
    {
        var client = Client(new ClientHandshakeOptions { Host = "h", Extensions = "permessage-deflate" });
        var lines = GoodResponse();
        lines.Add("Sec-WebSocket-Extensions: permessage-deflate; x=\"a b\"");
        Assert.Contains("9.1", Fails(client, lines).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_rejects_unoffered_subprotocol()
    {
        // RFC 6455 4.1: a subprotocol not in the client's handshake MUST fail the connection.
        var client = Client(new ClientHandshakeOptions { Host = "h", Subprotocols = ["chat"] });
        var lines = GoodResponse();
        lines.Add("Sec-WebSocket-Protocol: superchat");
        Assert.Contains("superchat", Fails(client, lines).Reason, StringComparison.Ordinal);

        var none = GoodResponse();
        none.Add("Sec-WebSocket-Protocol: chat");
        Fails(Client(), none);
    }

    [Fact]
    public void Client_rejects_more_than_one_subprotocol()
    {
        // RFC 6455 4.2.2 item 5.3: the server answers a single value.
        var client = Client(new ClientHandshakeOptions { Host = "h", Subprotocols = ["chat", "superchat"] });
        var list = GoodResponse();
        list.Add("Sec-WebSocket-Protocol: chat, superchat");
        Fails(client, list);

        var twice = GoodResponse();
        twice.Add("Sec-WebSocket-Protocol: chat");
        twice.Add("Sec-WebSocket-Protocol: chat");
        Fails(client, twice);
    }

    [Fact]
    public void Client_accepts_an_offered_subprotocol_or_none()
    {
        var client = Client(new ClientHandshakeOptions { Host = "h", Subprotocols = ["chat", "superchat"] });
        var lines = GoodResponse();
        lines.Add("Sec-WebSocket-Protocol: superchat");

        Assert.Equal("superchat", Accepts(client, lines).Subprotocol);
        Assert.Null(Accepts(client, GoodResponse()).Subprotocol);
    }

    [Fact]
    public void Client_ignores_a_frame_after_the_response_head()
    {
        byte[] bytes = [.. Responses.Head([.. GoodResponse()]), 0x81, 0x02, 0x68, 0x69];
        Assert.IsType<ClientHandshakeResult.Accepted>(Client().Validate(bytes));
    }

    [Fact]
    public void Client_fails_an_unparseable_response()
    {
        var failed = Assert.IsType<ClientHandshakeResult.Failed>(Client().Validate(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n")));
        Assert.Null(failed.Response);
        Assert.Contains("colon", failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("c h a t", null)]
    public void Invalid_client_options_are_refused(string first, string? second)
    {
        // RFC 6455 4.1 item 10: unique tokens.
        string[] subprotocols = second is null ? [first] : [first, second];
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", Subprotocols = subprotocols }));
    }

    [Fact]
    public void Options_that_would_break_the_request_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", Path = "chat" }));
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", Path = "/a b" }));
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h\r\nX: y" }));
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", Extensions = "a;;" }));
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", ExtraHeaders = [new("Sec-WebSocket-Key", "x")] }));
        Assert.Throws<ArgumentException>(() => Client(new ClientHandshakeOptions { Host = "h", ExtraHeaders = [new("X-Bad", "a\nb")] }));
    }
}
