namespace Conformance.Harness.Reporting.Bench;

/// <summary>One point of a chart line; <see cref="Note"/> is what hovering it shows.</summary>
internal sealed record ChartPoint(double X, double Y, string Note);

/// <summary>One line: <see cref="Colour"/> indexes the page's series colours (the target's colour).</summary>
internal sealed record ChartSeries(string Name, int Colour, IReadOnlyList<ChartPoint> Points, bool Dashed = false);

/// <summary>A labelled position on the x axis.</summary>
internal sealed record AxisTick(double Value, string Label);

/// <summary>
/// A line chart, axes included: x spans <see cref="XMin"/>..<see cref="XMax"/> with the ticks given (the caller knows
/// whether x is seconds or nines); y starts at zero and its ticks are chosen from the data.
/// </summary>
internal sealed record LineChart(
    string Title,
    string XLabel,
    string YLabel,
    double XMin,
    double XMax,
    IReadOnlyList<AxisTick> XTicks,
    IReadOnlyList<ChartSeries> Series)
{
    /// <summary>The y axis's tick labels; by default compact (1.2k, 45k).</summary>
    public Func<double, string> YTickLabel { get; init; } = BenchNumbers.Compact;

    /// <summary>Whether the legend lists the series (more than one line, or a line that needs its name).</summary>
    public bool ShowLegend { get; init; }
}
