using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// Every result's figures in one table, rows grouped under their scenario; in a comparison each row also shows its
/// target against the best of the group, as a bar and a ratio.
/// </summary>
internal static class BenchSummaryTable
{
    /// <summary>A client using this share of the machine or more may have measured itself rather than the server.</summary>
    public const double BusyClientPercent = 90;

    public static HtmlMarkup Render(IReadOnlyList<ScenarioGroup> groups, TargetColours colours, Func<BenchResult, string> anchor)
    {
        var comparison = groups.Any(g => g.IsComparison);
        var serverCpu = groups.Any(g => g.Results.Any(r => r.ServerCpuMicrosecondsPerMessage is not null));
        var html = new HtmlBuilder();
        html.Append($"<h2>Summary</h2><div style=\"overflow-x: auto\"><table class=\"summary\"><thead><tr>");
        html.Append($"<th>Target</th><th class=\"num\">msgs/s</th><th class=\"num\">MB/s</th>");
        html.Append($"<th class=\"num\">p50 ms</th><th class=\"num\">p90 ms</th><th class=\"num\">p99 ms</th><th class=\"num\">p99.9 ms</th><th class=\"num\">max ms</th>");
        html.Append($"<th class=\"num\">errors</th><th class=\"num\">wrong echoes</th><th class=\"num\">conns held</th><th class=\"num\">handshakes/s</th><th class=\"num\">client CPU</th>");
        if (serverCpu)
        {
            html.Append($"<th class=\"num\" title=\"the server process's CPU time per echo (when its process id was known)\">server µs/msg</th>");
        }

        if (comparison)
        {
            html.Append($"<th>vs best</th>");
        }

        html.Append($"</tr></thead><tbody>");
        var columns = 13 + (comparison ? 1 : 0) + (serverCpu ? 1 : 0);
        foreach (var group in groups)
        {
            html.Append($"<tr class=\"section\"><td colspan=\"{columns}\">{group.Scenario.Label}<span class=\"desc\">{ScenarioText.Describe(group.Scenario)}</span></td></tr>");
            foreach (var result in group.Results)
            {
                html.Append(Row(group, result, colours.Of(result), anchor(result), comparison, serverCpu));
            }
        }

        html.Append($"</tbody></table></div>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Row(ScenarioGroup group, BenchResult result, int colour, string anchor, bool comparison, bool serverCpu)
    {
        var echo = result.Scenario.Mode == BenchMode.Echo;
        var latency = result.LatencyMs;
        var html = new HtmlBuilder();
        html.Append($"<tr><td class=\"who\"><span class=\"swatch c{colour}\"></span><a href=\"#{anchor}\" title=\"{result.Agent ?? "(no Server header)"}\">{result.Name}</a>");
        html.Append($"<div class=\"url\">{result.Url}</div></td>");
        html.Append($"<td class=\"num\">{(echo ? BenchNumbers.Whole(result.MessagesPerSecond) : BenchNumbers.None)}</td>");
        html.Append($"<td class=\"num\">{(echo ? BenchNumbers.Significant(result.MegabytesPerSecond) : BenchNumbers.None)}</td>");
        foreach (var ms in new[] { latency?.P50, latency?.P90, latency?.P99, latency?.P999, latency?.Max })
        {
            html.Append($"<td class=\"num\">{(ms is { } value ? BenchNumbers.Milliseconds(value) : BenchNumbers.None)}</td>");
        }

        var errorKinds = string.Join(", ", result.ErrorsByKind.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {BenchNumbers.Whole(e.Value)}"));
        html.Append($"<td class=\"num{Bad(result.Errors > 0)}\" title=\"{errorKinds}\">{BenchNumbers.Whole(result.Errors)}</td>");
        html.Append($"<td class=\"num{Bad(result.WrongEchoes > 0)}\">{BenchNumbers.Whole(result.WrongEchoes)}</td>");
        var fewerHeld = result.ConnectionsAttempted > result.ConnectionsHeld;
        html.Append($"<td class=\"num{Bad(fewerHeld)}\" title=\"{BenchNumbers.Whole(result.ConnectionsAttempted)} attempted\">{BenchNumbers.Whole(result.ConnectionsHeld)}</td>");
        html.Append($"<td class=\"num\">{BenchNumbers.Rate(result.HandshakesPerSecond)}</td>");
        var busy = result.ClientCpuPercent >= BusyClientPercent;
        html.Append($"<td class=\"num{(busy ? new HtmlMarkup(" warn") : HtmlMarkup.Empty)}\"{(busy ? new HtmlMarkup(" title=\"the load generator was nearly saturated: it may be the bottleneck\"") : HtmlMarkup.Empty)}>{BenchNumbers.Percent(result.ClientCpuPercent)}</td>");
        if (serverCpu)
        {
            html.Append($"<td class=\"num\">{(result.ServerCpuMicrosecondsPerMessage is { } micros ? BenchNumbers.Significant(micros) : BenchNumbers.None)}</td>");
        }

        if (comparison)
        {
            html.Append(Relative(group, result));
        }

        html.Append($"</tr>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Relative(ScenarioGroup group, BenchResult result)
    {
        if (!group.IsComparison || group.Relative(result) is not { } relative)
        {
            return new HtmlMarkup("<td class=\"rel\"></td>");
        }

        var html = new HtmlBuilder();
        var width = BenchNumbers.Coordinate(Math.Clamp(relative, 0, 1) * 100);
        html.Append($"<td class=\"rel\" title=\"{group.Measure} relative to the best of this scenario\"><span class=\"relbar\"><span style=\"width: {width}%\"></span></span>{BenchNumbers.Ratio(relative)}</td>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Bad(bool bad) => bad ? new HtmlMarkup(" bad") : HtmlMarkup.Empty;
}
