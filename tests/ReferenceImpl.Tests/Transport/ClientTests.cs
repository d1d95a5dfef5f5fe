using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class ClientTests
{
    [Fact]
    public async Task Client_reports_handshake_failure_with_status()
    {
        using var timeout = TestServers.Timeout();
        await using var peer = await ScriptedPeer.StartAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);

        var failure = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(peer.Endpoint, TestServers.ClientOptions, timeout.Token));

        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("403", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 4.1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_fails_handshake_with_a_wrong_accept_key()
    {
        using var timeout = TestServers.Timeout();
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"u8.ToArray();
        await using var peer = await ScriptedPeer.StartAsync(response, timeout.Token);

        var failure = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(peer.Endpoint, TestServers.ClientOptions, timeout.Token));

        Assert.Contains("Sec-WebSocket-Accept", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_times_out_when_server_never_answers()
    {
        using var timeout = TestServers.Timeout();
        await using var peer = await ScriptedPeer.StartAsync([], timeout.Token);

        await Assert.ThrowsAsync<TimeoutException>(() => WebSocketClient.ConnectAsync(peer.Endpoint, TestServers.ClientOptions with { ConnectTimeout = TimeSpan.FromMilliseconds(300) }, timeout.Token));
    }

    [Fact]
    public async Task Client_fails_masked_frame_from_server_with_1002()
    {
        using var timeout = TestServers.Timeout();
        var masked = FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Text, Masked = true, MaskKey = 1, PayloadLength = 2 }, "hi"u8);
        await using var peer = await ScriptedPeer.StartAsync(masked, timeout.Token, acceptHandshake: true);
        await using var client = await WebSocketClient.ConnectAsync(peer.Endpoint, TestServers.ClientOptions, timeout.Token);

        // RFC 6455 5.1: a client MUST close the connection on a masked frame.
        var closed = Assert.IsType<ClientEvent.Closed>(await client.ReceiveAsync(timeout.Token));

        Assert.Equal(CloseCode.ProtocolError, closed.Code);
        Assert.False(closed.Clean);
        Assert.Equal(ProtocolRule.ServerFrameMasked, closed.Violation!.Rule);
    }

    [Fact]
    public async Task Client_reports_1006_when_server_drops_tcp()
    {
        using var timeout = TestServers.Timeout();
        await using var peer = await ScriptedPeer.StartAsync([], timeout.Token, acceptHandshake: true, closeAfterReply: true);
        await using var client = await WebSocketClient.ConnectAsync(peer.Endpoint, TestServers.ClientOptions, timeout.Token);

        var closed = Assert.IsType<ClientEvent.Closed>(await client.ReceiveAsync(timeout.Token));

        Assert.Equal(CloseCode.AbnormalClosure, closed.Code);
        Assert.False(closed.Clean);
        Assert.Same(closed, await client.ReceiveAsync(timeout.Token));
    }

    [Fact]
    public async Task Client_close_skips_pending_messages_and_returns_the_servers_close()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await client.SendTextAsync("unread echo", timeout.Token);

        var closed = await client.CloseAsync(4000, "custom", timeout.Token);

        Assert.Equal((ushort)4000, closed.Code);
        Assert.Equal(ConnectionState.Closed, client.State);
    }

    /// <summary>A one-connection TCP peer on 127.0.0.1 that reads the request head, then writes scripted bytes.</summary>
    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly Task _serve;

        private ScriptedPeer(Socket listener, Task serve)
        {
            _listener = listener;
            _serve = serve;
        }

        public Uri Endpoint => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");

        /// <summary>Listens; the reply goes out after the request head (after a valid 101 when acceptHandshake is set).</summary>
        public static Task<ScriptedPeer> StartAsync(byte[] reply, CancellationToken cancellationToken, bool acceptHandshake = false, bool closeAfterReply = false)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            return Task.FromResult(new ScriptedPeer(listener, ServeAsync(listener, reply, acceptHandshake, closeAfterReply, cancellationToken)));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Dispose();
            try
            {
                await _serve;
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The peer's own connection ended with the test.
            }
        }

        private static async Task ServeAsync(Socket listener, byte[] reply, bool acceptHandshake, bool closeAfterReply, CancellationToken cancellationToken)
        {
            using var socket = await listener.AcceptAsync(cancellationToken);
            var buffer = new byte[16 * 1024];
            var filled = 0;
            int headLength;
            while (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, filled), HandshakeLimits.Default, out headLength) != HeadReadStatus.Complete)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                filled += read;
            }

            if (acceptHandshake)
            {
                var key = Encoding.Latin1.GetString(buffer, 0, headLength).Split("\r\n").First(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
                var accept = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {AcceptKey.Compute(key)}\r\n\r\n";
                await socket.SendAsync(Encoding.ASCII.GetBytes(accept), SocketFlags.None, cancellationToken);
            }

            await socket.SendAsync(reply, SocketFlags.None, cancellationToken);
            if (closeAfterReply)
            {
                return;
            }

            // Hold the connection until the client goes away.
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
    }
}
