using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>`wsconform serve` accepts permessage-deflate by default, and refuses it with --no-deflate.</summary>
[Collection(InteropCollection.Name)]
public sealed class ServeDeflateTests
{
    [Fact]
    public async Task Wsconform_serve_accepts_permessage_deflate_by_default()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var serve = await StartServeAsync([], cts.Token);

        var summary = DeflatePeers.Summary(await DeflatePeers.RunPythonWebsocketsClientAsync(Peers.Endpoint(serve), "{}", cts.Token));

        Assert.Equal("permessage-deflate", summary.GetProperty("extensions").GetString());
        Assert.Equal(DeflatePeers.ExchangeMessages, summary.GetProperty("messages").GetInt32());
    }

    [Fact]
    public async Task Wsconform_serve_with_no_deflate_accepts_no_offer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var serve = await StartServeAsync(["--no-deflate"], cts.Token);
        await using var client = await WebSocketClient.ConnectAsync(Peers.Endpoint(serve), new WebSocketClientOptions { PerMessageDeflate = new() }, cts.Token);

        Assert.Null(client.PerMessageDeflate);
        Assert.False(client.Response.Headers.Contains("Sec-WebSocket-Extensions"));
        await client.SendTextAsync("Hello", cts.Token);
        var echo = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(cts.Token));
        Assert.Equal("Hello", echo.Text);
        Assert.False(echo.Compressed);
    }

    private static Task<PeerProcess> StartServeAsync(IReadOnlyList<string> flags, CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            Path.Combine(AppContext.BaseDirectory, "wsconform"),
            ["serve", "--listen", "ws://127.0.0.1:0/", .. flags],
            AppContext.BaseDirectory,
            Peers.ServerReadyTimeout,
            cancellationToken);
}
