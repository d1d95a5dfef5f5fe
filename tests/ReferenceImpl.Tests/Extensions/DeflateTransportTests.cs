using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Tests.Transport;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>The reference server and client over loopback with permessage-deflate (RFC 7692).</summary>
public sealed class DeflateTransportTests
{
    [Theory]
    [InlineData(false, false, 15, 15)]
    [InlineData(true, true, 15, 15)]
    [InlineData(false, false, 9, 10)]
    [InlineData(true, false, 8, 8)]
    public async Task Reference_client_and_server_echo_compressed_messages(bool serverNoContext, bool clientNoContext, int serverBits, int clientBits)
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        var offer = new PerMessageDeflateOptions { ServerNoContextTakeover = serverNoContext, ClientNoContextTakeover = clientNoContext, ServerMaxWindowBits = serverBits, ClientMaxWindowBits = clientBits };
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { PerMessageDeflate = offer }, timeout.Token);

        Assert.Equal(new PerMessageDeflateParameters { ServerNoContextTakeover = serverNoContext, ClientNoContextTakeover = clientNoContext, ServerMaxWindowBits = serverBits, ClientMaxWindowBits = clientBits }, client.PerMessageDeflate);
        Assert.StartsWith("permessage-deflate", client.Response.Headers.GetCombined("Sec-WebSocket-Extensions"), StringComparison.Ordinal);
        var large = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31 % 251)).ToArray();
        for (var round = 0; round < 3; round++)
        {
            await client.SendTextAsync("Hello, wsconform ✓", timeout.Token);
            var text = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
            Assert.Equal("Hello, wsconform ✓", text.Text);
            Assert.True(text.Compressed);

            await client.SendBinaryAsync(large, timeout.Token);
            var binary = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
            Assert.Equal(large, binary.Payload);
            Assert.True(binary.Compressed);
            if (serverBits == PerMessageDeflate.MaxWindowBits)
            {
                // A small window restarts zlib every 2^bits bytes, which costs the ratio; a full one shows it.
                Assert.True(binary.WireLength < large.Length / 10, $"1 MiB of a short pattern went as {binary.WireLength} bytes");
            }
        }

        await client.SendFragmentedAsync(MessageKind.Text, ["frag-1 "u8.ToArray(), "frag-2 "u8.ToArray(), "frag-3"u8.ToArray()], timeout.Token);
        Assert.Equal("frag-1 frag-2 frag-3", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
        Assert.Equal(CloseCode.NormalClosure, (await client.CloseAsync(CloseCode.NormalClosure, "done", timeout.Token)).Code);
    }

    [Fact]
    public async Task Server_without_deflate_accepts_no_offer()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { PerMessageDeflate = null });
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { PerMessageDeflate = new() }, timeout.Token);

        Assert.Null(client.PerMessageDeflate);
        Assert.False(client.Response.Headers.Contains("Sec-WebSocket-Extensions"));
        await client.SendTextAsync("Hello", timeout.Token);
        Assert.False(Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Compressed);
    }

    [Fact]
    public async Task Client_that_offers_nothing_gets_no_compression()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token);

        Assert.Null(client.PerMessageDeflate);
        Assert.Empty(client.Extensions);
        await client.SendTextAsync("Hello", timeout.Token);
        Assert.False(Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Compressed);
    }

    [Fact]
    public async Task Server_options_impose_their_parameters()
    {
        using var timeout = TestServers.Timeout();
        var imposed = new PerMessageDeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true, ServerMaxWindowBits = 10, ClientMaxWindowBits = 11 };
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { PerMessageDeflate = imposed });
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { PerMessageDeflate = new() }, timeout.Token);

        Assert.Equal(
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11",
            client.Response.Headers.GetCombined("Sec-WebSocket-Extensions"));
        await client.SendTextAsync("Hello", timeout.Token);
        Assert.Equal("Hello", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
    }
}
