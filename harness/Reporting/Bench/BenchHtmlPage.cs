using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// bench.html: one self-contained page for a bench run (summary table, then each scenario's charts as inline SVG).
/// No script, nothing fetched, and every string from a target encoded; the Content-Security-Policy forbids the rest.
/// </summary>
public static class BenchHtmlPage
{
    public const string FileName = "bench.html";

    public static string Render(BenchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var groups = ScenarioGroup.Of(document.Results);
        var colours = new TargetColours(document.Results);
        var anchors = new Dictionary<BenchResult, string>(ReferenceEqualityComparer.Instance);
        foreach (var result in document.Results)
        {
            anchors.TryAdd(result, $"result-{anchors.Count + 1}");
        }

        string Anchor(BenchResult result) => anchors[result];

        var names = string.Join(", ", document.Results.Select(r => r.Name).Distinct(StringComparer.Ordinal));
        var html = new HtmlBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" />");
        html.Append($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
        html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{BenchPageStyle.ContentSecurityPolicy}\" />");
        html.Append($"<meta name=\"generator\" content=\"{document.Tool.Name} {document.Tool.Version}\" />");
        html.Append($"<title>{document.Tool.Name} bench: {names}</title>");
        html.Append($"<style>{new HtmlMarkup(BenchPageStyle.Css)}</style></head><body><main>");
        html.Append(BenchHeaderSection.Render(document, groups));
        if (document.Results.Count == 0)
        {
            html.Append($"<p class=\"empty\">No measurement finished.</p>");
        }
        else
        {
            html.Append(BenchSummaryTable.Render(groups, colours, Anchor));
            html.Append($"<h2>Charts</h2>");
            foreach (var group in groups)
            {
                html.Append(BenchScenarioSection.Render(group, colours, Anchor));
            }
        }

        html.Append($"<footer>Written by {document.Tool.Name} {document.Tool.Version}. msgs/s counts echoes received and checked; MB/s is payload one way (10^6 bytes). ");
        html.Append($"Latency runs from the send (open loop: from the intended send time) to the checked echo. bench.json beside this file holds the same figures.</footer>");
        html.Append($"</main></body></html>\n");
        return html.ToString();
    }
}
