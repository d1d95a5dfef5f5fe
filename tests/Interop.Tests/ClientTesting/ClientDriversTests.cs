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
    // The drivers wait as long as the cases allow (480 s for the largest compression case), as Autobahn's drivers do.
    private static readonly TimeSpan DriverTimeout = TimeSpan.FromMinutes(40);

    [Fact]
    public async Task Python_websockets_runs_every_case_and_breaks_no_rule()
    {
        await using var served = ServedCatalogue.Start();
        var run = await PeerProcess.RunToCompletionAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_fuzzingclient.py"), served.BaseUrl, "websockets", "--case-timeout", "600"], PeerLocator.PeersDirectory, DriverTimeout, CancellationToken.None);
        Assert.True(run.Succeeded, run.Describe());
        var target = await served.ResultsAsync("websockets");
        output.WriteLine($"python websockets: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, [], run.StandardOutput);
    }

    [Fact]
    public async Task Node_ws_runs_every_case_and_takes_permessage_deflate_twice()
    {
        // ws compresses through node's asynchronous zlib, a few ms a message: the 126 cases of 1000 compressed round trips
        // under seven parameter sets (Autobahn 13.x) take it 15 of its 23 minutes. CI runs everything else (12.x too).
        await using var served = ServedCatalogue.Start(exclude: ["compression.parameters-*"]);
        var run = await PeerProcess.RunToCompletionAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_fuzzingclient.js"), served.BaseUrl, "ws", "--case-timeout", "600"], PeerLocator.PeersDirectory, DriverTimeout, CancellationToken.None);
        Assert.True(run.Succeeded, run.Describe());
        var target = await served.ResultsAsync("ws");
        output.WriteLine($"node ws: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, NodeWsFindings, run.StandardOutput);
    }

    [Fact]
    public async Task Dotnet_ClientWebSocket_runs_every_case_and_takes_extensions_it_never_offered_and_rsv1_on_a_ping()
    {
        await using var served = ServedCatalogue.Start();
        using var timeout = new CancellationTokenSource(DriverTimeout);
        var log = new List<string>();
        await AutobahnDriver.RunAsync(new Uri(served.BaseUrl), "ClientWebSocket", DotnetEchoClient.EchoAsync, log.Add, TimeSpan.FromSeconds(600), timeout.Token);
        var target = await served.ResultsAsync("ClientWebSocket");
        output.WriteLine($".NET ClientWebSocket: {ServedCatalogue.Counts(target)}");

        // RFC 6455 4.1 and RFC 7692 5, 7.1: it accepts a response naming an extension it never offered, a permessage-deflate
        // parameter RFC 7692 does not define, and permessage-deflate twice, and goes on to send frames. RFC 7692 6: on a
        // permessage-deflate connection it takes a ping with RSV1 set instead of failing the connection.
        served.AssertVerdicts(
            target,
            ["handshake.response-extension-unoffered", "handshake.response-deflate-unknown-parameter", "handshake.response-deflate-twice", "compression.rsv1-on-ping"],
            string.Join("\n", log));
    }

    [Fact]
    public async Task Chromium_runs_every_case_from_a_page_and_echoes_close_codes_it_may_not_send()
    {
        // Chromium runs headless on its own, without Playwright: Playwright mirrors every WebSocket frame to its driver,
        // which costs more than the cases. The page's last step, /updateReports, says the run is over.
        await using var served = ServedCatalogue.Start();
        var profile = Directory.CreateTempSubdirectory("wsconform-chromium-").FullName;
        var page = new Uri($"{new Uri(PeerLocator.PeerFile("chromium_fuzzingclient_page.html")).AbsoluteUri}?url={Uri.EscapeDataString(served.BaseUrl)}&agent=chromium&caseTimeout=600");
        var start = new System.Diagnostics.ProcessStartInfo(PeerLocator.Chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", page.AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var chromium = System.Diagnostics.Process.Start(start)!;
        chromium.OutputDataReceived += (_, _) => { };
        chromium.ErrorDataReceived += (_, _) => { };
        chromium.BeginOutputReadLine();
        chromium.BeginErrorReadLine();
        try
        {
            await served.ReportsRequestedAsync("chromium", DriverTimeout);
        }
        finally
        {
            chromium.Kill(entireProcessTree: true);
            await chromium.WaitForExitAsync();
            Directory.Delete(profile, recursive: true);
        }

        var target = await served.ResultsAsync("chromium");
        output.WriteLine($"Chromium: {ServedCatalogue.Counts(target)}");
        served.AssertVerdicts(target, ChromiumFindings, "(the page's log stays in the browser)");
    }

    // RFC 7692 5: ws takes a response that accepts permessage-deflate twice (two extensions on RSV1 conflict; the client
    // MUST fail the connection) and sends compressed frames.
    private static readonly string[] NodeWsFindings = ["handshake.response-deflate-twice"];

    // RFC 6455 7.4.1, 7.4.2: when the server closes with a code no endpoint may send (0, 999, 1004, 1016, 1100, 2000,
    // 2999), Chromium echoes that code in its own close frame instead of failing the connection with 1002 (Autobahn 7.9.x).
    private static readonly string[] ChromiumFindings =
    [
        "close.code-0-invalid", "close.code-999-invalid", "close.code-1004-invalid", "close.code-1016-invalid",
        "close.code-1100-invalid", "close.code-2000-invalid", "close.code-2999-invalid",
    ];
}
