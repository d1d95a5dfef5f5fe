using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// One scenario's charts: for a comparison, the targets' percentile curves overlaid; then each result's own card
/// (its timelines, and its curve when it is the scenario's only target).
/// </summary>
internal static class BenchScenarioSection
{
    public static HtmlMarkup Render(ScenarioGroup group, TargetColours colours, Func<BenchResult, string> anchor)
    {
        var html = new HtmlBuilder();
        html.Append($"<section class=\"scenario\"><h3>{group.Scenario.Label}</h3><p class=\"meta\">{ScenarioText.Describe(group.Scenario)}</p>");
        if (group.IsComparison && BenchCharts.Percentiles(group.Results, colours) is { } overlay)
        {
            html.Append($"<div class=\"charts\">{SvgLineChart.Render(overlay)}</div>");
        }

        foreach (var result in group.Results)
        {
            html.Append(BenchResultCard.Render(result, colours, anchor(result), withPercentiles: !group.IsComparison));
        }

        html.Append($"</section>");
        return html.ToMarkup();
    }
}
