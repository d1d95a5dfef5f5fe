using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Tests.Transport;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>
/// An idle connection waits for data with a zero-byte read and holds no buffer; these check that what arrives after such
/// a wait is read whole, however it is cut, and that activity keeps a connection from its idle timeout.
/// </summary>
public sealed class IdleConnectionTests
{
    [Fact]
    public async Task Idle_connection_still_echoes_after_zero_byte_read_wait()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        await client.SendTextAsync("first", timeout.Token);
        Assert.Equal("first", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);

        // Idle for a while: the server's read is a zero-byte wait now.
        await Task.Delay(200, timeout.Token);
        await client.SendTextAsync("after idling", timeout.Token);

        Assert.Equal("after idling", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
    }

    [Fact]
    public async Task Message_larger_than_the_read_buffer_echoes_whole_after_a_wait()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);
        var payload = new byte[(1024 * 1024) + 3];
        new Random(6455).NextBytes(payload);

        await client.SendBinaryAsync(payload, timeout.Token);
        var first = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        await client.SendBinaryAsync(payload, timeout.Token);
        var second = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));

        Assert.True(payload.AsSpan().SequenceEqual(first.Payload));
        Assert.True(payload.AsSpan().SequenceEqual(second.Payload));
    }

    [Fact]
    public async Task Message_split_across_many_tcp_writes_still_echoes()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var raw = await RawConnection.OpenAsync(server.Endpoint, timeout.Token);
        // Three fragments (RFC 6455 5.4), cut in 7-byte writes so that headers, mask keys and payloads all straddle reads.
        var bytes = ThreeFragments();

        for (var offset = 0; offset < bytes.Length; offset += 7)
        {
            await raw.SendAsync(bytes.AsMemory(offset, Math.Min(7, bytes.Length - offset)), timeout.Token);
        }

        var echo = await ReadMessageAsync(raw, timeout.Token);
        Assert.Equal("split " + new string('x', 300) + " end", echo);
    }

    [Fact]
    public async Task Idle_wss_connection_still_echoes()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") });
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { AllowUntrustedCertificate = true }, timeout.Token);

        await Task.Delay(200, timeout.Token);
        await client.SendTextAsync("over TLS, after idling", timeout.Token);
        var payload = new byte[200 * 1024];
        new Random(7692).NextBytes(payload);
        await client.SendBinaryAsync(payload, timeout.Token);

        var text = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        var binary = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));

        Assert.Equal("over TLS, after idling", text.Text);
        Assert.True(payload.AsSpan().SequenceEqual(binary.Payload));
    }

    [Fact]
    public async Task Messages_keep_a_connection_open_past_its_idle_timeout()
    {
        using var timeout = TestServers.Timeout();
        var options = new ReferenceServerOptions { IdleTimeout = TimeSpan.FromSeconds(1.5) };
        await using var server = await TestServers.StartAsync(timeout.Token, options);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        // More than an idle timeout's worth of traffic, a message every 100 ms: the idle clock restarts with each.
        for (var i = 0; i < 20; i++)
        {
            await client.SendTextAsync($"tick {i}", timeout.Token);
            Assert.Equal($"tick {i}", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
            await Task.Delay(100, timeout.Token);
        }

        // Then silence: the idle timeout closes it with 1001 (RFC 6455 7.4.1).
        var closed = Assert.IsType<ClientEvent.Closed>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(CloseCode.GoingAway, closed.Code);
    }

    private static byte[] ThreeFragments() =>
    [
        .. RawConnection.ClientFrame(Opcode.Text, "split "u8, fin: false),
        .. RawConnection.ClientFrame(Opcode.Continuation, Encoding.UTF8.GetBytes(new string('x', 300)), fin: false),
        .. RawConnection.ClientFrame(Opcode.Continuation, " end"u8),
    ];

    /// <summary>Reads frames up to the one with FIN and returns the message's text.</summary>
    private static async Task<string> ReadMessageAsync(RawConnection raw, CancellationToken cancellationToken)
    {
        var payload = new List<byte>();
        while (true)
        {
            var frame = await raw.ReadFrameAsync(cancellationToken);
            Assert.NotNull(frame);
            payload.AddRange(frame.Payload.ToArray());
            if (frame.Header.Fin)
            {
                return Encoding.UTF8.GetString(payload.ToArray());
            }
        }
    }
}
