namespace Conformance.Harness.Reporting.Bench;

/// <summary>Round axis steps (1, 2, 2.5 or 5 times a power of ten) so that about five ticks cover a range.</summary>
internal static class NiceTicks
{
    /// <summary>The step between ticks for a range of <paramref name="span"/> split in about <paramref name="count"/>.</summary>
    public static double Step(double span, int count = 5)
    {
        if (!double.IsFinite(span) || span <= 0)
        {
            return 1;
        }

        var rough = span / count;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 2.5 => 2.5,
            <= 5 => 5,
            _ => 10,
        };
        return nice * power;
    }

    /// <summary>The top of a y axis from zero: the first tick at or above <paramref name="max"/> (1 when nothing is above zero).</summary>
    public static (double Top, double Step) FromZero(double max, int count = 5)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return (1, 0.2);
        }

        var step = Step(max, count);
        return (Math.Ceiling(max / step - 1e-9) * step, step);
    }

    /// <summary>The ticks within <paramref name="min"/>..<paramref name="max"/>, multiples of the step.</summary>
    public static IReadOnlyList<double> Within(double min, double max, int count = 5)
    {
        var step = Step(max - min, count);
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(min / step - 1e-9) * step; tick <= max + step * 1e-9; tick += step)
        {
            ticks.Add(Math.Round(tick / step) * step);
        }

        return ticks;
    }
}
