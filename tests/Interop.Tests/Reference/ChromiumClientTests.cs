using Xunit;

namespace Conformance.Interop.Tests.Reference;

/// <summary>Chromium's own WebSocket API (a real browser) against the reference server.</summary>
[Collection(InteropCollection.Name)]
public sealed class ChromiumClientTests(ChromiumBrowser chromium)
{
    [Fact]
    public async Task Chromium_exchanges_text_binary_and_16_MiB_and_closes_cleanly_with_reference_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await ReferenceServerHost.StartAsync(cts.Token);
        await using var pages = new StaticPageServer();

        var outcome = await chromium.RunPageAsync(pages.PageFor(server.Endpoint), TimeSpan.FromSeconds(90));

        PeerSummary.AssertBrowserExchange(outcome);
    }
}
