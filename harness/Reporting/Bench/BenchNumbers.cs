using System.Globalization;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>How the bench page writes its figures: invariant culture, thousands separated, about three significant digits.</summary>
internal static class BenchNumbers
{
    /// <summary>Shown where a figure was not measured (a hold run's throughput, a run without latency).</summary>
    public const string None = "—";

    /// <summary>A count or a rate in whole units: "123,456".</summary>
    public static string Whole(double value) => Finite(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : None;

    public static string Whole(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>About three significant digits, whole units kept: 0.0423, 1.23, 12.3, 123, 12,345.</summary>
    public static string Significant(double value)
    {
        if (!Finite(value))
        {
            return None;
        }

        if (value == 0)
        {
            return "0";
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Clamp(2 - magnitude, 0, 4);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>Milliseconds: <see cref="Significant"/>.</summary>
    public static string Milliseconds(double value) => Significant(value);

    /// <summary>A rate that may be small (handshakes per second): whole from 100 on, else three significant digits.</summary>
    public static string Rate(double value) => Finite(value) && Math.Abs(value) >= 100 ? Whole(value) : Significant(value);

    public static string Percent(double value) => Finite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) + " %" : None;

    /// <summary>A ratio to the best: "1.00x", "0.52x".</summary>
    public static string Ratio(double value) => Finite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "x" : None;

    /// <summary>An axis label: 950, 1.2k, 45k, 1.5M.</summary>
    public static string Compact(double value)
    {
        var size = Math.Abs(value);
        return size switch
        {
            >= 1e9 => Significant(value / 1e9) + "G",
            >= 1e6 => Significant(value / 1e6) + "M",
            >= 1e3 => Significant(value / 1e3) + "k",
            _ => Significant(value),
        };
    }

    /// <summary>A byte count in decimal units, as MB/s counts them: "512 B", "177 MB", "18.7 GB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => Significant(bytes / 1e9) + " GB",
        >= 1_000_000 => Significant(bytes / 1e6) + " MB",
        >= 1_000 => Significant(bytes / 1e3) + " kB",
        _ => Whole(bytes) + " B",
    };

    /// <summary>A number for an SVG attribute: invariant, at most two decimals.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A duration as a scenario states it: "10 s", "500 ms", "2 min".</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => Significant(duration.TotalMilliseconds) + " ms",
        { TotalMinutes: >= 2 } when duration.Seconds == 0 => Significant(duration.TotalMinutes) + " min",
        _ => Significant(duration.TotalSeconds) + " s",
    };

    private static bool Finite(double value) => double.IsFinite(value);
}
