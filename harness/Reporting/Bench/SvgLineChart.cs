namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// Draws a <see cref="LineChart"/> as inline SVG in a figure: grid, axes, one polyline per series in its target's
/// colour, and invisible dots whose title shows the point's figures on hover (no script). The legend is HTML above it (empty when not wanted, so that charts side by side line up).
/// </summary>
internal static class SvgLineChart
{
    private const double Width = 560;
    private const double Height = 230;
    private const double Left = 52;
    private const double Right = 30;
    private const double Top = 10;
    private const double Bottom = 40;

    /// <summary>Hover dots per series at most; a longer line gets every n-th point.</summary>
    private const int MaxHoverDots = 300;

    public static HtmlMarkup Render(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var yMax = chart.Series.SelectMany(s => s.Points).Select(p => p.Y).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var (yTop, yStep) = NiceTicks.FromZero(yMax);
        var plot = new PlotArea(chart.XMin, chart.XMax, yTop);

        var html = new HtmlBuilder();
        html.Append($"<figure class=\"chart\"><figcaption>{chart.Title} <span class=\"muted\">({chart.YLabel})</span></figcaption>");
        html.Append(Legend(chart.ShowLegend ? chart.Series : []));

        html.Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{chart.Title}\">");
        for (var y = 0.0; y <= yTop + (yStep * 1e-9); y += yStep)
        {
            var py = BenchNumbers.Coordinate(plot.Y(y));
            html.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{py}\" y2=\"{py}\"/>");
            html.Append($"<text x=\"{Left - 6}\" y=\"{py}\" dy=\"0.32em\" text-anchor=\"end\">{chart.YTickLabel(y)}</text>");
        }

        foreach (var tick in chart.XTicks)
        {
            var px = BenchNumbers.Coordinate(plot.X(tick.Value));
            html.Append($"<line class=\"grid\" x1=\"{px}\" x2=\"{px}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>");
            html.Append($"<text x=\"{px}\" y=\"{Height - Bottom + 15}\" text-anchor=\"middle\">{tick.Label}</text>");
        }

        html.Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>");
        html.Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>");
        html.Append($"<text class=\"label\" x=\"{Left + ((Width - Left - Right) / 2)}\" y=\"{Height - 6}\" text-anchor=\"middle\">{chart.XLabel}</text>");

        foreach (var series in chart.Series)
        {
            html.Append(Line(series, plot));
        }

        html.Append($"</svg></figure>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Line(ChartSeries series, PlotArea plot)
    {
        var points = series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var html = new HtmlBuilder();
        html.Append($"<g class=\"c{series.Colour}\"><title>{series.Name}</title>");
        var coordinates = string.Join(' ', points.Select(p => $"{BenchNumbers.Coordinate(plot.X(p.X))},{BenchNumbers.Coordinate(plot.Y(p.Y))}"));
        html.Append($"<polyline class=\"line{(series.Dashed ? " dashed" : string.Empty)}\" points=\"{coordinates}\"/>");
        var every = Math.Max(1, (points.Count + MaxHoverDots - 1) / MaxHoverDots);
        for (var i = 0; i < points.Count; i += every)
        {
            var p = points[i];
            html.Append($"<circle class=\"hit\" cx=\"{BenchNumbers.Coordinate(plot.X(p.X))}\" cy=\"{BenchNumbers.Coordinate(plot.Y(p.Y))}\" r=\"3.5\"><title>{series.Name}: {p.Note}</title></circle>");
        }

        html.Append($"</g>");
        return html.ToMarkup();
    }

    private static HtmlMarkup Legend(IReadOnlyList<ChartSeries> series)
    {
        var html = new HtmlBuilder();
        html.Append($"<div class=\"legend\">");
        foreach (var line in series)
        {
            html.Append($"<span class=\"item c{line.Colour}\"><span class=\"key{(line.Dashed ? " dashed" : string.Empty)}\"></span><span class=\"name\">{line.Name}</span></span>");
        }

        html.Append($"</div>");
        return html.ToMarkup();
    }

    /// <summary>Data to SVG coordinates; a flat range still gets a width.</summary>
    private sealed record PlotArea(double XMin, double XMax, double YTop)
    {
        public double X(double x)
        {
            var span = XMax > XMin ? XMax - XMin : 1;
            return Left + ((Math.Clamp(x, XMin, XMin + span) - XMin) / span * (Width - Left - Right));
        }

        public double Y(double y) => Height - Bottom - (Math.Clamp(y, 0, YTop) / YTop * (Height - Top - Bottom));
    }
}
