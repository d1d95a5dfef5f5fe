using System.Diagnostics;
using Conformance.Harness.Benchmarking;
using Xunit;

namespace Conformance.Harness.Tests.Benchmarking;

/// <summary>The open loop's schedule and latency accounting on a fake clock: timestamps are given, nothing waits.</summary>
public sealed class OpenLoopScheduleTests
{
    private const double Rate = 400;

    private static long Ms(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2.4, 1)]
    [InlineData(2.5, 2)]
    [InlineData(1000, 401)]
    public void Messages_fall_due_at_the_rate_from_the_start(double atMs, long due)
    {
        var schedule = OpenLoopSchedule.At(Ms(10), Rate);

        Assert.Equal(due, schedule.DueBy(Ms(10) + Ms(atMs)));
    }

    [Fact]
    public void A_stall_shows_in_the_latency_of_everything_due_during_it_not_as_a_lower_rate()
    {
        // One second at 400/s; the server answers 1 ms after each message is due, except that from 100 ms to 400 ms it
        // answers nothing and then everything at once.
        var schedule = OpenLoopSchedule.At(0, Rate);
        var fromDue = new LatencyRecorder();
        var fromSend = new LatencyRecorder();
        for (long n = 0; n < schedule.DueBy(Ms(999)); n++)
        {
            var due = schedule.DueAt(n);
            var answered = due >= Ms(100) && due < Ms(400) ? Ms(401) : due + Ms(1);
            fromDue.Record(due, answered);
            // What a generator that waits for the stall before sending would time: from when it finally sent.
            fromSend.Record(Math.Max(due, answered - Ms(1)), answered);
        }

        var open = LatencyRecorder.Summarise(fromDue.TakeInterval())!;
        var omitted = LatencyRecorder.Summarise(fromSend.TakeInterval())!;

        Assert.Equal(400, fromDue.Total.TotalCount);
        Assert.InRange(open.Max, 299, 302);
        Assert.InRange(open.P90, 200, 302);
        Assert.InRange(open.P50, 0.9, 1.1);
        Assert.InRange(omitted.Max, 0.9, 1.1);
    }
}
