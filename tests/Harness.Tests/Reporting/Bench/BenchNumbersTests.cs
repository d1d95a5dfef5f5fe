using Conformance.Harness.Reporting.Bench;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Bench;

/// <summary>The bench page's figures: invariant, thousands separated, about three significant digits.</summary>
public sealed class BenchNumbersTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.04234, "0.0423")]
    [InlineData(0.2434, "0.243")]
    [InlineData(1.234, "1.23")]
    [InlineData(12.34, "12.3")]
    [InlineData(123.4, "123")]
    [InlineData(12345.6, "12,346")]
    [InlineData(9.999, "10")]
    public void Milliseconds_keep_about_three_significant_digits(double value, string expected) =>
        Assert.Equal(expected, BenchNumbers.Milliseconds(value));

    [Theory]
    [InlineData(123456.7, "123,457")]
    [InlineData(999.4, "999")]
    [InlineData(1234567, "1,234,567")]
    public void Rates_are_whole_with_thousands_separators(double value, string expected) =>
        Assert.Equal(expected, BenchNumbers.Whole(value));

    [Theory]
    [InlineData(950, "950")]
    [InlineData(1500, "1.5k")]
    [InlineData(45000, "45k")]
    [InlineData(1_500_000, "1.5M")]
    public void Axis_labels_are_compact(double value, string expected) =>
        Assert.Equal(expected, BenchNumbers.Compact(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_figure_that_is_not_a_number_is_a_dash(double value)
    {
        Assert.Equal(BenchNumbers.None, BenchNumbers.Whole(value));
        Assert.Equal(BenchNumbers.None, BenchNumbers.Milliseconds(value));
        Assert.Equal(BenchNumbers.None, BenchNumbers.Percent(value));
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(176_948_544, "177 MB")]
    [InlineData(18_701_746_176, "18.7 GB")]
    public void Byte_counts_are_in_decimal_units(long bytes, string expected) =>
        Assert.Equal(expected, BenchNumbers.Bytes(bytes));

    [Fact]
    public void A_ratio_has_two_decimals_and_an_x() => Assert.Equal("0.52x", BenchNumbers.Ratio(0.5234));
}
