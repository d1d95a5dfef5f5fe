using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>The charts of the page, from a result's timeline and percentile curve; null where there is nothing to draw.</summary>
internal static class BenchCharts
{
    /// <summary>Echoes per second, second by second.</summary>
    public static LineChart? Throughput(BenchResult result, int colour)
    {
        if (result.Scenario.Mode == BenchMode.Hold || result.Timeline.Count == 0)
        {
            return null;
        }

        var points = result.Timeline
            .Select(t => new ChartPoint(t.Second, t.MessagesPerSecond, $"{Second(t.Second)}: {BenchNumbers.Whole(t.MessagesPerSecond)} msgs/s, {BenchNumbers.Significant(t.MegabytesPerSecond)} MB/s"))
            .ToList();
        return OverTime("Throughput", "msgs/s", result, [new ChartSeries(result.Name, colour, points)], legend: false);
    }

    /// <summary>p50 (dashed) and p99 (solid) latency, second by second.</summary>
    public static LineChart? Latency(BenchResult result, int colour)
    {
        if (!result.Timeline.Any(t => t.P50Ms > 0 || t.P99Ms > 0))
        {
            return null;
        }

        var p99 = result.Timeline.Select(t => new ChartPoint(t.Second, t.P99Ms, $"{Second(t.Second)}: p99 {BenchNumbers.Milliseconds(t.P99Ms)} ms")).ToList();
        var p50 = result.Timeline.Select(t => new ChartPoint(t.Second, t.P50Ms, $"{Second(t.Second)}: p50 {BenchNumbers.Milliseconds(t.P50Ms)} ms")).ToList();
        return OverTime("Latency", "ms", result, [new ChartSeries("p99", colour, p99), new ChartSeries("p50", colour, p50, Dashed: true)], legend: true)
            with
        { YTickLabel = BenchNumbers.Milliseconds };
    }

    /// <summary>Open connections, second by second: a hold run's ramp and how many stayed.</summary>
    public static LineChart? Connections(BenchResult result, int colour)
    {
        if (result.Scenario.Mode != BenchMode.Hold || result.Timeline.Count == 0)
        {
            return null;
        }

        var points = result.Timeline.Select(t => new ChartPoint(t.Second, t.OpenConnections, $"{Second(t.Second)}: {BenchNumbers.Whole(t.OpenConnections)} open")).ToList();
        return OverTime("Open connections", "connections", result, [new ChartSeries(result.Name, colour, points)], legend: false);
    }

    /// <summary>
    /// Latency by percentile, the x axis in nines (0, 90, 99, 99.9 ...), one line per result: the targets of a
    /// comparison overlaid. Null when none of them has a curve.
    /// </summary>
    public static LineChart? Percentiles(IReadOnlyList<BenchResult> results, TargetColours colours)
    {
        var drawn = results.Where(r => r.Percentiles.Count > 0).ToList();
        if (drawn.Count == 0)
        {
            return null;
        }

        var end = NinesScale.AxisEnd(drawn.SelectMany(r => r.Percentiles).Select(p => p.Percentile));
        var series = drawn.Select(r => new ChartSeries(
            r.Name,
            colours.Of(r),
            r.Percentiles.Select(p => new ChartPoint(NinesScale.Position(p.Percentile, end), p.LatencyMs, $"{NinesScale.Percentile(p.Percentile)} at {BenchNumbers.Milliseconds(p.LatencyMs)} ms")).ToList()))
            .ToList();
        return new LineChart("Latency by percentile", "percentile", "ms", 0, end, NinesScale.Ticks(end), series)
        {
            YTickLabel = BenchNumbers.Milliseconds,
            ShowLegend = drawn.Count > 1,
        };
    }

    private static LineChart OverTime(string title, string unit, BenchResult result, IReadOnlyList<ChartSeries> series, bool legend)
    {
        var end = Math.Max(1, result.Timeline.Max(t => t.Second));
        var ticks = NiceTicks.Within(0, end).Select(s => new AxisTick(s, BenchNumbers.Significant(s))).ToList();
        return new LineChart(title, "seconds", unit, 0, end, ticks, series) { ShowLegend = legend };
    }

    private static string Second(double second) => $"second {BenchNumbers.Significant(second)}";
}
