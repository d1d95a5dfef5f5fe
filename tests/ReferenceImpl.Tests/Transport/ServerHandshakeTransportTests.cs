using System.Text;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class ServerHandshakeTransportTests
{
    [Fact]
    public async Task Server_drops_client_that_never_finishes_handshake()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var raw = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        await raw.SendAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray(), timeout.Token);

        // The head never ends, so only the handshake timeout can end the connection (the test's own bound is 30 s).
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_rejects_bad_upgrade_with_400()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        // RFC 6455 4.2.1 item 3: no Upgrade header field.
        await raw.SendAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"u8.ToArray(), timeout.Token);

        var head = await raw.ReadHeadAsync(timeout.Token);
        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_answers_oversized_head_with_431()
    {
        using var timeout = TestServers.Timeout();
        var limits = new HandshakeLimits { MaxHeadBytes = 1024 };
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { HandshakeLimits = limits });
        await using var raw = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        await raw.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX-Filler: " + new string('a', 2000) + "\r\n\r\n"), timeout.Token);

        Assert.StartsWith("HTTP/1.1 431 ", await raw.ReadHeadAsync(timeout.Token), StringComparison.Ordinal);
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_selects_a_subprotocol_the_client_offered()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Subprotocols = ["chat.v2", "chat.v1"] });
        var options = TestServers.ClientOptions with { Subprotocols = ["chat.v1", "chat.v2"] };

        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, options, timeout.Token);

        Assert.Equal("chat.v2", client.Subprotocol);
    }

    [Fact]
    public async Task Server_refuses_connections_beyond_its_limit_with_503()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxConnections = 1 });
        await using var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        var refused = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token));

        Assert.Equal(503, refused.StatusCode);
    }

    [Fact]
    public async Task Listen_refuses_a_host_that_is_not_loopback()
    {
        using var timeout = TestServers.Timeout();
        var options = new ReferenceServerOptions { Listen = new Uri("ws://0.0.0.0:0/") };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ReferenceServer.StartAsync(options, null, timeout.Token));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
    }
}
