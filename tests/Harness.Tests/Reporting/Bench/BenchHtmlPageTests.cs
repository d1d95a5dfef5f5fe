using System.Text.RegularExpressions;
using Conformance.Harness.Benchmarking;
using Conformance.Harness.Reporting.Bench;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Bench;

/// <summary>bench.html: a self-contained page, safe with hostile targets, with each result's figures and charts.</summary>
public sealed partial class BenchHtmlPageTests
{
    [Fact]
    public void Text_from_the_target_is_encoded_wherever_it_appears()
    {
        var hostile = BenchSamples.EchoResult(name: BenchSamples.Hostile, url: "ws://x/" + BenchSamples.Hostile) with
        {
            Agent = BenchSamples.Hostile,
            ErrorsByKind = new Dictionary<string, long> { [BenchSamples.Hostile] = 3 },
        };

        var html = BenchHtmlPage.Render(BenchSamples.Document(hostile, BenchSamples.EchoResult(name: "other")));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_forbids_scripts_and_fetches_with_a_content_security_policy()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.EchoResult()));

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(NetworkReference(), html);
    }

    [Fact]
    public void An_echo_result_has_a_throughput_a_latency_and_a_percentile_chart()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.EchoResult()));

        Assert.Equal(3, Count(html, "<svg"));
        Assert.Contains("Throughput", html, StringComparison.Ordinal);
        Assert.Contains("Latency by percentile", html, StringComparison.Ordinal);
        Assert.Contains(">99.9%</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_overlays_the_targets_percentile_curves_in_one_chart_per_scenario()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(
            BenchSamples.EchoResult("fast", messagesPerSecond: 200_000),
            BenchSamples.EchoResult("slow", messagesPerSecond: 104_000),
            BenchSamples.EchoResult("fast", messagesPerSecond: 2_000, scenario: BenchSamples.Large),
            BenchSamples.EchoResult("slow", messagesPerSecond: 1_000, scenario: BenchSamples.Large)));

        // Per scenario: one overlay, and each of the two results' throughput and latency charts.
        Assert.Equal(2 * (1 + (2 * 2)), Count(html, "<svg"));
        Assert.Equal(2, Count(html, "<figcaption>Latency by percentile"));
        Assert.Contains("<span class=\"name\">slow</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_shows_each_target_relative_to_the_best_of_its_scenario()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(
            BenchSamples.EchoResult("fast", messagesPerSecond: 200_000),
            BenchSamples.EchoResult("slow", messagesPerSecond: 104_000)));

        Assert.Contains("1.00x", Row(html, 1), StringComparison.Ordinal);
        Assert.Contains("0.52x", Row(html, 2), StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "<tr class=\"section\">"));
    }

    [Fact]
    public void The_summary_row_shows_the_results_figures_formatted_invariantly()
    {
        var row = Row(BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.EchoResult())), 1);

        foreach (var figure in new[] { "fast", "ws://127.0.0.1:9001/", "123,457", "3.95", "0.243", "0.781", "1.52", "4.25", "12.5", ">3<", ">1<", ">63<", "812", "47.5 %" })
        {
            Assert.Contains(figure, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_summary_groups_rows_under_their_scenario_label()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.EchoResult(), BenchSamples.HoldResult()));

        Assert.Contains(">echo 32 B x 64<", html, StringComparison.Ordinal);
        Assert.Contains(">hold 10000<", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<tr class=\"section\">"));
    }

    [Fact]
    public void A_hold_run_without_timeline_or_percentiles_renders_without_charts()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.HoldResult()));

        Assert.Equal(0, Count(html, "<svg"));
        Assert.Contains("9,876", Row(html, 1), StringComparison.Ordinal);
        Assert.Contains("refused", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_run_with_a_timeline_charts_its_open_connections()
    {
        var ramp = Enumerable.Range(1, 5).Select(s => new TimelinePoint(s, 0, 0, 0, 0, s * 2_000)).ToList();

        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.HoldResult() with { Timeline = ramp }));

        Assert.Equal(1, Count(html, "<svg"));
        Assert.Contains("Open connections", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_results_renders_a_page_that_says_so()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document());

        Assert.Contains("No measurement finished", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_that_are_not_numbers_render_as_a_dash()
    {
        var html = BenchHtmlPage.Render(BenchSamples.Document(BenchSamples.EchoResult() with { MessagesPerSecond = double.NaN, ClientCpuPercent = double.PositiveInfinity }));

        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    /// <summary>The summary row of the n-th result (1-based).</summary>
    private static string Row(string html, int result)
    {
        var link = html.IndexOf($"href=\"#result-{result}\"", StringComparison.Ordinal);
        Assert.True(link >= 0, $"no summary row for result {result}");
        var start = html.LastIndexOf("<tr>", link, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", link, StringComparison.Ordinal)];
    }

    [GeneratedRegex("(src|href)=\"(https?:)?//|url\\(|@import", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkReference();
}
