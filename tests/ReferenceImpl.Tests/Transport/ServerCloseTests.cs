using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class ServerCloseTests
{
    [Fact]
    public async Task Server_closes_tcp_after_close_handshake()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);

        await raw.SendAsync(RawConnection.ClientClose(CloseCode.NormalClosure, "bye"), timeout.Token);

        // RFC 6455 5.5.1: the close is answered with a close echoing the code; 7.1.1: then the server closes TCP.
        var reply = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(Opcode.Close, reply!.Header.Opcode);
        Assert.Equal(CloseCode.NormalClosure, ServerEchoTests.CloseCodeOf(reply));
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_fails_unmasked_frame_with_1002_and_closes()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);

        // RFC 6455 5.1: a server MUST close the connection on an unmasked client frame.
        await raw.SendAsync(RawConnection.ClientFrame(Opcode.Text, "plain"u8, masked: false), timeout.Token);

        var close = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(Opcode.Close, close!.Header.Opcode);
        Assert.Equal(CloseCode.ProtocolError, ServerEchoTests.CloseCodeOf(close));
        Assert.Null(await raw.ReadFrameAsync(timeout.Token));
    }

    [Fact]
    public async Task Shutdown_sends_1001_to_open_connections()
    {
        using var timeout = TestServers.Timeout();
        var server = await TestServers.StartAsync(timeout.Token);
        await using var first = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await using var second = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await first.SendTextAsync("open", timeout.Token);
        _ = await first.ReceiveAsync(timeout.Token);

        var receiving = Task.WhenAll(first.ReceiveAsync(timeout.Token), second.ReceiveAsync(timeout.Token));
        await server.DisposeAsync();

        foreach (var received in await receiving)
        {
            var closed = Assert.IsType<ClientEvent.Closed>(received);
            Assert.Equal(CloseCode.GoingAway, closed.Code);
            Assert.True(closed.Clean);
        }

        Assert.Equal(0, server.ActiveConnections);
    }

    [Fact]
    public async Task Shutdown_closes_tcp_when_client_never_answers_the_close()
    {
        using var timeout = TestServers.Timeout();
        var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { CloseTimeout = TimeSpan.FromMilliseconds(300) });
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);

        await server.DisposeAsync();

        var close = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(CloseCode.GoingAway, ServerEchoTests.CloseCodeOf(close!));
        // The client never answers: only the close timeout can end the connection (the test's own bound is 30 s).
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_closes_idle_connection_with_1001()
    {
        using var timeout = TestServers.Timeout();
        var options = new ReferenceServerOptions { IdleTimeout = TimeSpan.FromMilliseconds(300), CloseTimeout = TimeSpan.FromMilliseconds(500) };
        await using var server = await TestServers.StartAsync(timeout.Token, options);
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);

        var close = await raw.ReadFrameAsync(timeout.Token);

        Assert.Equal(Opcode.Close, close!.Header.Opcode);
        Assert.Equal(CloseCode.GoingAway, ServerEchoTests.CloseCodeOf(close));
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task One_failing_connection_does_not_disturb_another()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var healthy = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await using (var broken = await RawConnection.OpenAsync(server.Endpoint, timeout.Token))
        {
            // Half a frame header, then a reset.
            await broken.SendAsync(new byte[] { 0x81 }, timeout.Token);
        }

        await healthy.SendTextAsync("still here", timeout.Token);
        var echo = Assert.IsType<ClientEvent.Message>(await healthy.ReceiveAsync(timeout.Token));
        Assert.Equal("still here", echo.Text);
    }
}
