using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Tests.Transport;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>MaxConnections: what counts (open connections, not pending handshakes), the 503, and the slot given back.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Connection_beyond_the_limit_is_refused_with_503()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxConnections = 2 });
        await using var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await using var second = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await using var third = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        await third.SendAsync(RawConnection.HandshakeRequest(server.Endpoint), timeout.Token);

        Assert.StartsWith("HTTP/1.1 503 ", await third.ReadHeadAsync(timeout.Token), StringComparison.Ordinal);
        Assert.True(await third.WaitForEofAsync(timeout.Token));
        Assert.Equal(2, server.OpenConnections);
    }

    [Fact]
    public async Task Connections_in_their_handshake_do_not_count_toward_the_limit()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxConnections = 2 });
        var slow = await SlowClients.ConnectAsync(server.Endpoint, 5, timeout.Token);
        try
        {
            await using var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
            await using var second = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

            var refused = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token));

            Assert.Equal(503, refused.StatusCode);
            Assert.Equal(5, server.PendingHandshakes);
        }
        finally
        {
            await SlowClients.DisposeAllAsync(slow);
        }
    }

    [Fact]
    public async Task A_handshake_completing_once_the_limit_is_reached_is_answered_503()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxConnections = 1 });
        await using var late = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);
        var request = RawConnection.HandshakeRequest(server.Endpoint);
        await late.SendAsync(request.AsMemory(0, 10), timeout.Token);
        await Eventually.TrueAsync(() => server.PendingHandshakes == 1, timeout.Token);

        await using var open = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await late.SendAsync(request.AsMemory(10), timeout.Token);

        // Accepted while there was room; its request, complete once the limit was reached, gets 503 in answer.
        Assert.StartsWith("HTTP/1.1 503 ", await late.ReadHeadAsync(timeout.Token), StringComparison.Ordinal);
        Assert.True(await late.WaitForEofAsync(timeout.Token));
        Assert.Equal(1, server.OpenConnections);
    }

    [Fact]
    public async Task A_closed_connection_gives_its_place_to_the_next_client()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxConnections = 1 });
        await using (var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token))
        {
            Assert.True((await first.CloseAsync(CloseCode.NormalClosure, string.Empty, timeout.Token)).Clean);
        }

        await Eventually.TrueAsync(() => server.OpenConnections == 0, timeout.Token);
        await using var next = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await next.SendTextAsync("my turn", timeout.Token);

        Assert.Equal("my turn", Assert.IsType<ClientEvent.Message>(await next.ReceiveAsync(timeout.Token)).Text);
    }
}
