using Xunit;

namespace Conformance.Interop.Tests.CrossPeer;

/// <summary>
/// The third-party peers against each other, without the reference implementation: these prove the
/// peer scripts and the machine's peers work, so a failing reference interop test points at our code.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class PeerCrossCheckTests(ChromiumBrowser chromium)
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Node_ws_client_exchanges_all_message_kinds_with_python_websockets_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartPythonWebsocketsServerAsync(cts.Token);

        var run = await Peers.RunNodeWsClientAsync(Peers.Endpoint(server), cts.Token);

        PeerSummary.AssertFullExchange(run);
    }

    [Fact]
    public async Task Python_websockets_client_exchanges_all_message_kinds_with_node_ws_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartNodeWsServerAsync(cts.Token);

        var run = await Peers.RunPythonWebsocketsClientAsync(Peers.Endpoint(server), cts.Token);

        PeerSummary.AssertFullExchange(run);
    }

    [Fact]
    public async Task Chromium_exchanges_text_binary_and_16_MiB_and_closes_cleanly_with_node_ws_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartNodeWsServerAsync(cts.Token);
        await using var pages = new StaticPageServer();

        var outcome = await chromium.RunPageAsync(pages.PageFor(Peers.Endpoint(server)), PageTimeout);

        PeerSummary.AssertBrowserExchange(outcome);
    }

    [Fact]
    public async Task Chromium_exchanges_text_binary_and_16_MiB_and_closes_cleanly_with_python_websockets_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartPythonWebsocketsServerAsync(cts.Token);
        await using var pages = new StaticPageServer();

        var outcome = await chromium.RunPageAsync(pages.PageFor(Peers.Endpoint(server)), PageTimeout);

        PeerSummary.AssertBrowserExchange(outcome);
    }

    [Fact]
    public async Task Peer_servers_listen_on_loopback_only()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var node = await Peers.StartNodeWsServerAsync(cts.Token);
        await using var python = await Peers.StartPythonWebsocketsServerAsync(cts.Token);

        foreach (var server in new[] { node, python })
        {
            var addresses = LoopbackListeners.ListeningAddresses(server.Port);
            Assert.NotEmpty(addresses);
            Assert.All(addresses, address => Assert.True(
                LoopbackListeners.IsLoopback(address), $"`{server.Command}` listens on {address}, beyond loopback"));
        }
    }
}
