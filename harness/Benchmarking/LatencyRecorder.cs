using System.Diagnostics;
using HdrHistogram;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// Round-trip times of every connection in one HDR histogram (nanoseconds, 3 significant digits, up to 10 minutes),
/// read per second for the timeline and added up for the whole measurement. Recording is thread-safe and allocation-free.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly long HighestNanoseconds = (long)TimeSpan.FromMinutes(10).TotalNanoseconds;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly Recorder _recorder = new(1, HighestNanoseconds, 3, static (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, HighestNanoseconds, 3);
    private HistogramBase? _interval;

    /// <summary>Records the time from <paramref name="sentTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to <paramref name="now"/>.</summary>
    public void Record(long sentTimestamp, long now)
    {
        var nanoseconds = (long)((now - sentTimestamp) * NanosecondsPerTick);
        _recorder.RecordValue(Math.Clamp(nanoseconds, 1, HighestNanoseconds));
    }

    /// <summary>Forgets what was recorded so far (the warm-up).</summary>
    public void Restart()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        _total.Reset();
    }

    /// <summary>The values recorded since the last call, also added to the total.</summary>
    public HistogramBase TakeInterval()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        _total.Add(_interval);
        return _interval;
    }

    public HistogramBase Total => _total;

    public static double Milliseconds(long nanoseconds) => nanoseconds / 1e6;

    /// <summary>The summary of a histogram in milliseconds; null when it is empty.</summary>
    public static LatencySummary? Summarise(HistogramBase histogram) => histogram.TotalCount == 0
        ? null
        : new LatencySummary(
            Milliseconds(histogram.GetValueAtPercentile(50)),
            Milliseconds(histogram.GetValueAtPercentile(90)),
            Milliseconds(histogram.GetValueAtPercentile(99)),
            Milliseconds(histogram.GetValueAtPercentile(99.9)),
            Milliseconds(histogram.GetMaxValue()),
            histogram.GetMean() / 1e6);

    /// <summary>The percentile curve (HdrHistogram's iteration, 5 steps per halving of the distance to 100%).</summary>
    public static IReadOnlyList<PercentilePoint> Curve(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var points = new List<PercentilePoint>();
        foreach (var value in histogram.Percentiles(5))
        {
            points.Add(new PercentilePoint(value.Percentile, Milliseconds(value.ValueIteratedTo)));
        }

        return points;
    }
}
