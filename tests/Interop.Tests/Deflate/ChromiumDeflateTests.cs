using System.Text.Json;
using Xunit;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>
/// Chromium's own WebSocket API (which offers "permessage-deflate; client_max_window_bits") against the reference
/// server, for each set of parameters the server can impose on a browser.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class ChromiumDeflateTests(ChromiumBrowser chromium)
{
    private const string PageName = "chromium_deflate_page.html";

    [Theory]
    [InlineData("", "permessage-deflate")]
    [InlineData("snct cnct", "permessage-deflate; server_no_context_takeover; client_no_context_takeover")]
    [InlineData("smwb=9 cmwb=10", "permessage-deflate; server_max_window_bits=9; client_max_window_bits=10")]
    [InlineData("smwb=8 cmwb=8", "permessage-deflate; server_max_window_bits=8; client_max_window_bits=8")]
    public async Task Chromium_exchanges_compressed_messages_with_reference_server(string serverOptions, string extensions)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var log = new ServerLog();
        await using var server = await DeflatePeers.StartReferenceServerAsync(DeflatePeers.Options(serverOptions), log, cts.Token);
        await using var pages = new StaticPageServer(File.ReadAllBytes(PeerLocator.PeerFile(PageName)));

        var outcome = await chromium.RunPageAsync(pages.PageFor(server.Endpoint), TimeSpan.FromSeconds(90));

        Assert.True(outcome.Passed, outcome.Describe());
        var summary = JsonDocument.Parse(outcome.Summary).RootElement;
        Assert.Equal(extensions, summary.GetProperty("extensions").GetString());
        Assert.Equal(DeflatePeers.ExchangeMessages, summary.GetProperty("messages").GetInt32());
        DeflateAssert.PeerCompressedEveryMessage(log);
    }
}
