using System.Globalization;
using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>The page's head: what was run, when, by which wsconform, on which machine.</summary>
internal static class BenchHeaderSection
{
    public static HtmlMarkup Render(BenchDocument document, IReadOnlyList<ScenarioGroup> groups)
    {
        var targets = document.Results.Select(r => (r.Name, r.Url)).Distinct().Count();
        var html = new HtmlBuilder();
        html.Append($"<header><h1>WebSocket benchmark</h1>");
        html.Append($"<p class=\"meta\">{Count(document.Results.Count, "result")} · {Count(targets, "target")} · {Count(groups.Count, "scenario")} · ");
        html.Append($"started {document.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} · {document.Tool.Name} {document.Tool.Version}</p>");
        html.Append($"<div class=\"machine\"><span class=\"muted\">Load generator</span>");
        html.Append($"<span><b>{Count(document.Machine.Cores, "core")}</b></span><span>{document.Machine.Os}</span><span>{document.Machine.Runtime}</span></div>");
        html.Append($"</header>");
        return html.ToMarkup();
    }

    private static string Count(int n, string noun) => $"{BenchNumbers.Whole(n)} {noun}{(n == 1 ? string.Empty : "s")}";
}
