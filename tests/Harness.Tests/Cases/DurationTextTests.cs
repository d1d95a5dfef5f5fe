using Conformance.Harness.Cases.Loading;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("0ms", 0)]
    [InlineData("0.5ms", 0.5)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    public void Durations_parse(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1min")]
    [InlineData("1d")]
    [InlineData("-1s")]
    [InlineData("1 s")]
    [InlineData(".5s")]
    [InlineData("")]
    public void Other_spellings_do_not_parse(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(0, "0s")]
    public void Durations_format_back(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
