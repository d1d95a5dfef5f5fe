using Conformance.Harness.Reporting.Bench;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Bench;

/// <summary>The percentile axis in nines, as HdrHistogram plots it.</summary>
public sealed class NinesScaleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(90, 1)]
    [InlineData(99, 2)]
    [InlineData(99.9, 3)]
    [InlineData(99.99, 4)]
    public void Each_nine_is_one_step_along_the_axis(double percentile, double nines) =>
        Assert.Equal(nines, NinesScale.Nines(percentile), precision: 9);

    [Fact]
    public void The_ticks_are_labelled_as_percentiles() =>
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%"], NinesScale.Ticks(4).Select(t => t.Label));

    [Fact]
    public void The_axis_reaches_the_highest_percentile_below_100_and_puts_100_at_its_end()
    {
        var end = NinesScale.AxisEnd([50, 99.9, 99.95, 100]);

        Assert.Equal(4, end);
        Assert.Equal(4, NinesScale.Position(100, end));
    }

    [Fact]
    public void A_short_curve_still_shows_up_to_99_percent() => Assert.Equal(2, NinesScale.AxisEnd([0, 50, 90]));
}
