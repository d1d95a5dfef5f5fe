using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Tests.Transport;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>The opening handshake under slow clients: the pending bound (oldest evicted) and the whole-handshake timeout.</summary>
public sealed class PendingHandshakeTests
{
    [Fact]
    public async Task Slow_handshakes_beyond_the_pending_bound_evict_the_oldest_and_a_prompt_client_gets_in()
    {
        using var timeout = TestServers.Timeout();
        // A handshake timeout far beyond the test's bound: only eviction can drop the slow clients here.
        var options = new ReferenceServerOptions { MaxPendingHandshakes = 4, EvictionGrace = TimeSpan.FromMilliseconds(200), HandshakeTimeout = TimeSpan.FromMinutes(10) };
        await using var server = await TestServers.StartAsync(timeout.Token, options);
        var slow = await SlowClients.ConnectAsync(server.Endpoint, 10, timeout.Token);
        try
        {
            await using var prompt = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
            await prompt.SendTextAsync("in", timeout.Token);

            var echo = Assert.IsType<ClientEvent.Message>(await prompt.ReceiveAsync(timeout.Token));
            Assert.Equal("in", echo.Text);
            // Accepted in order: the sixth to tenth slow clients and the prompt one each evicted the oldest then pending.
            for (var i = 0; i < 7; i++)
            {
                Assert.True(await slow[i].WaitForEofAsync(timeout.Token), $"slow client {i} was not dropped");
            }

            Assert.Equal(3, server.PendingHandshakes);
            Assert.Equal(1, server.OpenConnections);
            Assert.True((await prompt.CloseAsync(CloseCode.NormalClosure, string.Empty, timeout.Token)).Clean);
        }
        finally
        {
            await SlowClients.DisposeAllAsync(slow);
        }
    }

    [Fact]
    public async Task A_client_that_completes_its_handshake_leaves_the_pending_ones()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { MaxPendingHandshakes = 1 });
        await using var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await using var second = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        await first.SendTextAsync("one", timeout.Token);
        await second.SendTextAsync("two", timeout.Token);

        Assert.Equal("one", Assert.IsType<ClientEvent.Message>(await first.ReceiveAsync(timeout.Token)).Text);
        Assert.Equal("two", Assert.IsType<ClientEvent.Message>(await second.ReceiveAsync(timeout.Token)).Text);
        Assert.Equal(0, server.PendingHandshakes);
        Assert.Equal(2, server.OpenConnections);
    }

    [Fact]
    public async Task A_burst_of_clients_beyond_the_pending_bound_waits_for_room_and_is_not_evicted()
    {
        using var timeout = TestServers.Timeout();
        // No pending connection comes of age within the test: any eviction would fail a client.
        var options = new ReferenceServerOptions { MaxPendingHandshakes = 2, EvictionGrace = TimeSpan.FromMinutes(10) };
        await using var server = await TestServers.StartAsync(timeout.Token, options);

        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token)));
        try
        {
            foreach (var client in clients)
            {
                await client.SendTextAsync("burst", timeout.Token);
                Assert.Equal("burst", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
            }

            Assert.Equal(12, server.OpenConnections);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Handshake_that_never_finishes_is_dropped_at_the_timeout()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var silent = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        // Not a byte sent: the server waits without a buffer, and only the timeout can end it (the test's own bound is 30 s).
        Assert.True(await silent.WaitForEofAsync(timeout.Token));
        await Eventually.TrueAsync(() => server.PendingHandshakes == 0, timeout.Token);
    }

    [Fact]
    public async Task Handshake_trickled_byte_by_byte_is_dropped_at_the_timeout()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var trickle = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);
        var eof = trickle.WaitForEofAsync(timeout.Token);

        // Each byte is activity, but the whole handshake has one deadline: activity does not extend it.
        var header = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "u8.ToArray();
        for (var i = 0; !eof.IsCompleted; i++)
        {
            try
            {
                await trickle.SendAsync(header.AsMemory(i % header.Length, 1), timeout.Token);
            }
            catch (System.Net.Sockets.SocketException)
            {
                break;
            }

            await Task.WhenAny(eof, Task.Delay(20, timeout.Token));
        }

        Assert.True(await eof);
    }
}
