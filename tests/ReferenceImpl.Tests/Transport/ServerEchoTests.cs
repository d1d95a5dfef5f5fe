using System.Diagnostics;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class ServerEchoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Server_echoes_text_and_binary_messages()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        await client.SendTextAsync("héllo wörld", timeout.Token);
        await client.SendBinaryAsync(new byte[] { 0, 1, 2, 255 }, timeout.Token);
        await client.SendTextAsync(string.Empty, timeout.Token);

        var text = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(MessageKind.Text, text.Kind);
        Assert.Equal("héllo wörld", text.Text);
        var binary = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(MessageKind.Binary, binary.Kind);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, binary.Payload);
        var empty = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(MessageKind.Text, empty.Kind);
        Assert.Empty(empty.Payload);

        var closed = await client.CloseAsync(CloseCode.NormalClosure, "done", timeout.Token);
        Assert.Equal(CloseCode.NormalClosure, closed.Code);
        Assert.True(closed.Clean);
    }

    [Fact]
    public async Task Server_echoes_16_MiB_message()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        var payload = new byte[16 * 1024 * 1024];
        new Random(6455).NextBytes(payload);

        var stopwatch = Stopwatch.StartNew();
        await client.SendBinaryAsync(payload, timeout.Token);
        var echo = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        stopwatch.Stop();

        output.WriteLine($"16 MiB binary echo round trip: {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(MessageKind.Binary, echo.Kind);
        Assert.True(payload.AsSpan().SequenceEqual(echo.Payload));
    }

    [Fact]
    public async Task Server_echoes_fragmented_message_as_one_message()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        ReadOnlyMemory<byte>[] fragments = [Encoding.UTF8.GetBytes("frag"), Encoding.UTF8.GetBytes("ment"), Encoding.UTF8.GetBytes("ed")];
        await client.SendFragmentedAsync(MessageKind.Text, fragments, timeout.Token);

        var echo = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal("fragmented", echo.Text);
    }

    [Fact]
    public async Task Server_answers_ping_with_pong()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        await client.PingAsync(Encoding.UTF8.GetBytes("are you there"), timeout.Token);

        var pong = Assert.IsType<ClientEvent.Pong>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal("are you there", Encoding.UTF8.GetString(pong.Payload));
    }

    [Fact]
    public async Task Bytes_sent_with_the_handshake_are_processed()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);

        // Handshake, a text frame and a ping in one write.
        await raw.SendAsync((byte[])[.. RawConnection.HandshakeRequest(server.Endpoint), .. RawConnection.ClientText("early"), .. RawConnection.ClientFrame(Opcode.Ping, "p"u8)], timeout.Token);

        Assert.StartsWith("HTTP/1.1 101 ", await raw.ReadHeadAsync(timeout.Token), StringComparison.Ordinal);
        var echo = await raw.ReadFrameAsync(timeout.Token);
        Assert.NotNull(echo);
        Assert.Equal(Opcode.Text, echo.Header.Opcode);
        Assert.False(echo.Header.Masked);
        Assert.Equal("early", Encoding.UTF8.GetString(echo.Payload.Span));
        var pong = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(Opcode.Pong, pong!.Header.Opcode);
    }

    [Fact]
    public async Task Message_before_a_violation_in_the_same_write_is_echoed_before_the_close()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);

        // RFC 6455 5.2: RSV1 without a negotiated extension fails the connection, but only from that frame on.
        await raw.SendAsync((byte[])[.. RawConnection.ClientText("first"), .. RawConnection.ClientFrame(Opcode.Text, "bad"u8, rsv1: true)], timeout.Token);

        var echo = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(Opcode.Text, echo!.Header.Opcode);
        Assert.Equal("first", Encoding.UTF8.GetString(echo.Payload.Span));
        var close = await raw.ReadFrameAsync(timeout.Token);
        Assert.Equal(Opcode.Close, close!.Header.Opcode);
        Assert.Equal(CloseCode.ProtocolError, CloseCodeOf(close));
        Assert.True(await raw.WaitForEofAsync(timeout.Token));
    }

    [Fact]
    public async Task Server_fails_message_over_its_limit_with_1009()
    {
        using var timeout = TestServers.Timeout();
        var options = new ReferenceServerOptions { ConnectionOptions = new ConnectionOptions { MaxMessageSize = 1000, MaxFrameSize = 1000 } };
        await using var server = await TestServers.StartAsync(timeout.Token, options);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        await client.SendBinaryAsync(new byte[1001], timeout.Token);

        var closed = Assert.IsType<ClientEvent.Closed>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(CloseCode.MessageTooBig, closed.Code);
    }

    internal static ushort CloseCodeOf(Frame close) => (ushort)((close.Payload.Span[0] << 8) | close.Payload.Span[1]);
}
