using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>One result: the target, what happened beyond the summary's figures (errors by kind, deflate), and its charts.</summary>
internal static class BenchResultCard
{
    public static HtmlMarkup Render(BenchResult result, TargetColours colours, string anchor, bool withPercentiles)
    {
        var colour = colours.Of(result);
        var html = new HtmlBuilder();
        html.Append($"<div class=\"result\" id=\"{anchor}\"><h4><span class=\"swatch c{colour}\"></span>{result.Name}</h4>");
        html.Append($"<div class=\"url\">{result.Url}</div>");
        html.Append($"<div class=\"muted\">Server: {result.Agent ?? "(no Server header)"}");
        if (result.Scenario.Mode == BenchMode.Echo)
        {
            html.Append($" · {BenchNumbers.Significant(result.ElapsedSeconds)} s measured · {BenchNumbers.Whole(result.Messages)} messages · {BenchNumbers.Bytes(result.Bytes)}");
        }

        html.Append($" · {BenchNumbers.Whole(result.ConnectionsHeld)} of {BenchNumbers.Whole(result.ConnectionsAttempted)} connections held · {BenchNumbers.Rate(result.HandshakesPerSecond)} handshakes/s");
        if (result.DeflateAccepted is { } accepted)
        {
            html.Append($" · permessage-deflate {(accepted ? "accepted" : "declined")}");
        }

        html.Append($"</div>");
        html.Append(Warnings(result));
        html.Append(Errors(result));

        var charts = new[]
        {
            BenchCharts.Throughput(result, colour),
            BenchCharts.Connections(result, colour),
            BenchCharts.Latency(result, colour),
            withPercentiles ? BenchCharts.Percentiles([result], colours) : null,
        }.OfType<LineChart>().ToList();
        if (charts.Count > 0)
        {
            html.Append($"<div class=\"charts\">");
            foreach (var chart in charts)
            {
                html.Append(SvgLineChart.Render(chart));
            }

            html.Append($"</div>");
        }

        html.Append($"</div>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Warnings(BenchResult result)
    {
        var html = new HtmlBuilder();
        if (result.WrongEchoes > 0)
        {
            html.Append($"<p class=\"note bad\">{BenchNumbers.Whole(result.WrongEchoes)} echoes differed from what was sent or broke RFC 6455 framing.</p>");
        }

        if (result.ClientCpuPercent >= BenchSummaryTable.BusyClientPercent)
        {
            html.Append($"<p class=\"note warn\">The load generator used {BenchNumbers.Percent(result.ClientCpuPercent)} of the machine: it may be the bottleneck, not the server.</p>");
        }

        return html.ToMarkup();
    }

    private static HtmlMarkup Errors(BenchResult result)
    {
        if (result.Errors == 0 && result.ErrorsByKind.Count == 0)
        {
            return HtmlMarkup.Empty;
        }

        var html = new HtmlBuilder();
        html.Append($"<p class=\"note bad\">{BenchNumbers.Whole(result.Errors)} {(result.Errors == 1 ? "error" : "errors")}</p>");
        if (result.ErrorsByKind.Count > 0)
        {
            html.Append($"<dl class=\"facts errors\">");
            foreach (var (kind, count) in result.ErrorsByKind.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                html.Append($"<dt>{kind}</dt><dd>{BenchNumbers.Whole(count)}</dd>");
            }

            html.Append($"</dl>");
        }

        return html.ToMarkup();
    }
}
