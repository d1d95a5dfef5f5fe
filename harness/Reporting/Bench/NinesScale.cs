using System.Globalization;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// The x axis of a percentile curve as HdrHistogram plots it: the number of nines, -log10(1 - p/100), so 90 %, 99 %,
/// 99.9 % and 99.99 % are evenly spaced and the tail gets the room.
/// </summary>
internal static class NinesScale
{
    /// <summary>The fewest nines an axis shows (to 99 %), and the most (to 99.9999 %): beyond that the curve is flat at max.</summary>
    public const int MinNines = 2;

    public const int MaxNines = 6;

    /// <summary>The nines of a percentile (0..100); 100 and above are infinite.</summary>
    public static double Nines(double percentile) =>
        percentile >= 100 ? double.PositiveInfinity : percentile <= 0 ? 0 : -Math.Log10(1 - (percentile / 100));

    /// <summary>The axis's end: enough whole nines to show every percentile below 100, within <see cref="MinNines"/>..<see cref="MaxNines"/>.</summary>
    public static int AxisEnd(IEnumerable<double> percentiles)
    {
        var most = percentiles.Where(p => p < 100).Select(Nines).DefaultIfEmpty(0).Max();
        return Math.Clamp((int)Math.Ceiling(most - 1e-9), MinNines, MaxNines);
    }

    /// <summary>Where a percentile sits on an axis ending at <paramref name="end"/> nines (100 % at the end).</summary>
    public static double Position(double percentile, int end) => Math.Min(Nines(percentile), end);

    /// <summary>The label of whole nines: 0 %, 90 %, 99 %, 99.9 %, 99.99 %.</summary>
    public static string Label(int nines) => nines <= 0
        ? "0%"
        : (100 - (100 / Math.Pow(10, nines))).ToString("0.##########", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentile as a hover note writes it: 50%, 99.9%, 99.999%.</summary>
    public static string Percentile(double percentile) => percentile.ToString("0.#####", CultureInfo.InvariantCulture) + "%";

    public static IReadOnlyList<AxisTick> Ticks(int end) =>
        Enumerable.Range(0, end + 1).Select(n => new AxisTick(n, Label(n))).ToList();
}
