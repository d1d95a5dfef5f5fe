using Conformance.Harness.Cli;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Interop.Tests.Reports;

/// <summary>The HTML report of real runs, opened in Chromium as a reader opens it: the matrix, a case's wire log, the filter, and no injection.</summary>
[Collection(InteropCollection.Name)]
public sealed class ReportInBrowserTests(ChromiumBrowser chromium, ITestOutputHelper log) : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("wsconform-report-").FullName;

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    [Fact]
    public async Task The_report_shows_the_matrix_opens_a_cases_wire_log_and_filters_by_verdict_area_and_text()
    {
        var exit = await RunAsync(null, "1.1.*", "2.*", "7.1.6", "handshake.version-*");
        Assert.Equal(ExitCodes.Success, exit);
        await using var context = await chromium.NewContextAsync();
        var page = await OpenReportAsync(context);

        // The header names the target and the totals; the matrix lists every case with its verdict.
        await Assertions.Expect(page.Locator("header h1")).ToContainTextAsync("wsconform-reference");
        var rows = page.Locator("table.matrix tr.case");
        var total = await rows.CountAsync();
        Assert.True(total > 20, $"{total} rows in the matrix");
        await Assertions.Expect(page.Locator("table.matrix tr.case", new() { HasText = "framing.text.length-0" }).Locator(".verdict")).ToHaveTextAsync("OK");
        await Assertions.Expect(page.Locator("#findings")).ToContainTextAsync("Nothing");

        // A matrix cell opens that case's evidence: stimulus, requirement, handshake and the wire log as a timeline.
        await page.Locator("table.matrix tr.case", new() { HasText = "2.10" }).Locator("a.verdict").ClickAsync();
        var detail = page.Locator("details.case[open]");
        await Assertions.Expect(detail).ToHaveCountAsync(1);
        await Assertions.Expect(detail.Locator("dl.facts")).ToContainTextAsync("RFC 6455 5.5.3");
        await Assertions.Expect(detail.Locator("pre").First).ToContainTextAsync("Sec-WebSocket-Key");
        var wire = detail.Locator("table.wire");
        await Assertions.Expect(wire).ToBeVisibleAsync();
        await Assertions.Expect(wire.Locator("tr.dir-out", new() { HasText = "ping" }).First).ToBeVisibleAsync();
        await Assertions.Expect(wire.Locator("tr.dir-in", new() { HasText = "pong" }).First).ToBeVisibleAsync();

        // The verdict filter: only INFORMATIONAL left.
        foreach (var verdict in new[] { "OK", "NON-STRICT", "UNIMPLEMENTED", "FAILED" })
        {
            await page.Locator($"#filters input[value='{verdict}']").UncheckAsync();
        }

        var visible = page.Locator("table.matrix tr.case:not(.hidden)");
        await Assertions.Expect(visible).ToHaveCountAsync(1);
        await Assertions.Expect(visible).ToContainTextAsync("7.1.6");
        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"1 of {total} cases shown");

        // The area and text filters.
        await page.Locator("#reset-filters").ClickAsync();
        await page.Locator("#filters select[name=area]").SelectOptionAsync("handshake");
        Assert.All(await visible.AllInnerTextsAsync(), row => Assert.Contains("handshake.version", row, StringComparison.Ordinal));
        await page.Locator("#reset-filters").ClickAsync();
        await page.Locator("#filters input[name=text]").FillAsync("1.1.8");
        await Assertions.Expect(visible).ToHaveCountAsync(1);
        await Assertions.Expect(visible.Locator("td.ab")).ToHaveTextAsync("1.1.8");
    }

    [Fact]
    public async Task A_target_sending_script_in_headers_close_reason_and_payload_injects_nothing()
    {
        await using var hostile = new HostileServer();
        var exit = await RunAsync(hostile.Endpoint, "1.1.1", "2.1", "7.1.1");
        Assert.Equal(ExitCodes.CasesFailed, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(_reports, "index.html"));
        Assert.DoesNotContain(HostileServer.ServerHeader, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);

        await using var context = await chromium.NewContextAsync();
        var page = await OpenReportAsync(context);
        foreach (var details in await page.Locator("details.case").AllAsync())
        {
            await details.Locator("summary").ClickAsync();
        }

        // The hostile strings are on the page as text a reader can see...
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains(HostileServer.ServerHeader, text, StringComparison.Ordinal);
        Assert.Contains(HostileServer.OtherHeader, text, StringComparison.Ordinal);
        Assert.Contains(HostileServer.CloseReason, text, StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned='payload'</script>", text, StringComparison.Ordinal);

        // ...and none of them became markup or ran: one script (the report's own), no images, no handlers.
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img, [onerror]").CountAsync());
        await Assertions.Expect(page.Locator("table.matrix a.v-failed").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_report_of_the_rfc_6455_catalogue_opens_with_every_case()
    {
        // Every case but the minutes-long compression bulk transfers (Autobahn 12/13): the figures are for the report.
        var exit = await RunAsync(null, [], ["compression.*"]);
        Assert.Equal(ExitCodes.Success, exit);
        var file = new FileInfo(Path.Combine(_reports, "index.html"));
        var cases = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "cases"), "*.yaml", SearchOption.AllDirectories).Count(f => !f.Contains("compression", StringComparison.Ordinal));

        await using var context = await chromium.NewContextAsync();
        var page = await OpenReportAsync(context);
        var rows = await page.Locator("table.matrix tr.case").CountAsync();
        var paint = await page.EvaluateAsync<double>("() => (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: -1 }).startTime");

        // Figures for the record (speed is not asserted in tests): size and time to first paint.
        log.WriteLine($"index.html: {file.Length / 1024.0 / 1024.0:0.00} MiB, {rows} cases, first contentful paint {paint:0} ms");
        Assert.True(rows > cases, $"{rows} matrix rows from {cases} case files (families expand)");
        Assert.Equal(rows, await page.Locator("details.case").CountAsync());
    }

    private static string RepositoryRoot => PeerLocator.RepoRoot;

    private Task<int> RunAsync(Uri? target, params string[] include) => RunAsync(target, include, []);

    private async Task<int> RunAsync(Uri? target, string[] include, string[] exclude)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RunSession.ExecuteAsync(
            new RunSettings
            {
                Targets = target is null ? [] : [target],
                CasesDirectory = Path.Combine(RepositoryRoot, "cases"),
                Include = include,
                Exclude = exclude,
                ReportDirectory = _reports,
            },
            output,
            error,
            timeout.Token);
        log.WriteLine(output.ToString());
        log.WriteLine(error.ToString());
        return exit;
    }

    private async Task<IPage> OpenReportAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(Path.Combine(_reports, "index.html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        Assert.Empty(errors);
        return page;
    }
}
