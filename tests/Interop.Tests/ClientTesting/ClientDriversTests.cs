using Conformance.ClientDriver;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Interop.Tests.ClientTesting;

/// <summary>
/// Real WebSocket clients, each driven by an unchanged Autobahn-style driver script (as the library's maintainers write
/// them), run the whole catalogue for clients. Every case gets a verdict, and the FAILED ones are exactly the findings
/// listed here, each read on the wire and explained by its RFC section. A missing peer fails in CI.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class ClientDriversTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DriverTimeout = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task Python_websockets_runs_every_case_and_breaks_no_rule()
    {
        await using var served = ServedCatalogue.Start();
        var run = await PeerProcess.RunToCompletionAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_fuzzingclient.py"), served.BaseUrl, "websockets", "--case-timeout", "60"], PeerLocator.PeersDirectory, DriverTimeout, CancellationToken.None);
        Assert.True(run.Succeeded, run.Describe());
        var target = await served.ResultsAsync("websockets");
        output.WriteLine($"python websockets: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, [], run.StandardOutput);
    }

    [Fact]
    public async Task Node_ws_runs_every_case()
    {
        await using var served = ServedCatalogue.Start();
        var run = await PeerProcess.RunToCompletionAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_fuzzingclient.js"), served.BaseUrl, "ws", "--case-timeout", "60"], PeerLocator.PeersDirectory, DriverTimeout, CancellationToken.None);
        Assert.True(run.Succeeded, run.Describe());
        var target = await served.ResultsAsync("ws");
        output.WriteLine($"node ws: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, NodeWsFindings, run.StandardOutput);
    }

    [Fact]
    public async Task Dotnet_ClientWebSocket_runs_every_case_and_takes_extensions_it_never_offered()
    {
        await using var served = ServedCatalogue.Start();
        using var timeout = new CancellationTokenSource(DriverTimeout);
        var log = new List<string>();
        await AutobahnDriver.RunAsync(new Uri(served.BaseUrl), "ClientWebSocket", DotnetEchoClient.EchoAsync, log.Add, TimeSpan.FromSeconds(60), timeout.Token);
        var target = await served.ResultsAsync("ClientWebSocket");
        output.WriteLine($".NET ClientWebSocket: {ServedCatalogue.Counts(target)}");

        // RFC 6455 4.1 and RFC 7692 5, 7.1: it accepts a response naming an extension it never offered, a permessage-deflate
        // parameter RFC 7692 does not define, and permessage-deflate twice, and goes on to send frames.
        served.AssertVerdicts(target, ["handshake.response-extension-unoffered", "handshake.response-deflate-unknown-parameter", "handshake.response-deflate-twice"], string.Join("\n", log));
    }

    [Fact]
    public async Task Chromium_runs_every_case_from_a_page()
    {
        await using var served = ServedCatalogue.Start();
        var browser = new ChromiumBrowser();
        BrowserPageOutcome outcome;
        try
        {
            await using var pages = new StaticPageServer(File.ReadAllBytes(PeerLocator.PeerFile("chromium_fuzzingclient_page.html")));
            var page = new Uri($"http://127.0.0.1:{pages.Port}/{StaticPageServer.PageName}?url={Uri.EscapeDataString(served.BaseUrl)}&agent=chromium&caseTimeout=60");
            outcome = await browser.RunPageAsync(page, DriverTimeout);
        }
        finally
        {
            await browser.DisposeAsync();
        }

        Assert.True(outcome.Result == $"DONE {served.Cases.List.Count}", outcome.Describe());
        var target = await served.ResultsAsync("chromium");
        output.WriteLine($"Chromium: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, ChromiumFindings, outcome.Log);
    }

    private static readonly string[] NodeWsFindings = [];

    private static readonly string[] ChromiumFindings = [];
}
