using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Interop.Tests.Serve;

/// <summary>The `wsconform serve` command itself, as a user starts it, against real third-party clients.</summary>
[Collection(InteropCollection.Name)]
public sealed class ServeCommandTests
{
    private static Task<PeerProcess> StartServeAsync(CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            Path.Combine(AppContext.BaseDirectory, "wsconform"),
            ["serve", "--listen", "ws://127.0.0.1:0/"],
            AppContext.BaseDirectory,
            Peers.ServerReadyTimeout,
            cancellationToken);

    [Fact]
    public async Task Python_and_node_clients_exchange_all_message_kinds_with_wsconform_serve()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var serve = await StartServeAsync(cts.Token);

        PeerSummary.AssertFullExchange(await Peers.RunPythonWebsocketsClientAsync(Peers.Endpoint(serve), cts.Token));
        PeerSummary.AssertFullExchange(await Peers.RunNodeWsClientAsync(Peers.Endpoint(serve), cts.Token));
    }

    [Theory]
    [InlineData(NativeSignals.SigTerm)]
    [InlineData(NativeSignals.SigInt)]
    public async Task Stopping_wsconform_serve_closes_open_connections_with_1001_and_exits_0(int signal)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var serve = await StartServeAsync(cts.Token);
        await using var client = await WebSocketClient.ConnectAsync(Peers.Endpoint(serve), new WebSocketClientOptions(), cts.Token);

        var exit = serve.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(20));
        var closed = Assert.IsType<ClientEvent.Closed>(await client.ReceiveAsync(cts.Token));

        Assert.Equal((ushort)1001, closed.Code);
        Assert.Equal(0, await exit);
    }
}
