using System.Globalization;
using System.Runtime.CompilerServices;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>The interpolated-string handler of <see cref="HtmlBuilder.Append(ref HtmlInterpolation)"/>: literals are markup, holes are encoded.</summary>
[InterpolatedStringHandler]
internal readonly ref struct HtmlInterpolation
{
    private readonly HtmlBuilder builder;

    public HtmlInterpolation(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        _ = literalLength;
        _ = formattedCount;
        this.builder = builder;
    }

    public void AppendLiteral(string markup) => builder.Literal(markup);

    public void AppendFormatted(string? text) => builder.Text(text);

    public void AppendFormatted(HtmlMarkup markup) => builder.Append(markup);

    public void AppendFormatted<T>(T value)
        where T : IFormattable => builder.Text(value.ToString(null, CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value, string format)
        where T : IFormattable => builder.Text(value.ToString(format, CultureInfo.InvariantCulture));
}
