using System.Diagnostics;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// When an open loop's messages are due: message n at <see cref="Start"/> + n x interval (<see cref="Stopwatch"/> ticks),
/// whatever the server answers. Each echo is timed from its message's due time, so a stalled server shows in the
/// latency of everything due meanwhile instead of as a lower send rate (coordinated omission).
/// </summary>
internal readonly record struct OpenLoopSchedule(long Start, double IntervalTicks)
{
    public static OpenLoopSchedule At(long start, double messagesPerSecond) => new(start, Stopwatch.Frequency / messagesPerSecond);

    /// <summary>How many messages are due by <paramref name="now"/> (the first at <see cref="Start"/>).</summary>
    public long DueBy(long now) => (long)((now - Start) / IntervalTicks) + 1;

    /// <summary>When message <paramref name="index"/> is due.</summary>
    public long DueAt(long index) => Start + (long)(index * IntervalTicks);
}
