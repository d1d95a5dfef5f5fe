using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// Builds the bench page. The literal parts of an interpolated <see cref="Append(ref HtmlInterpolation)"/> are markup; every hole is encoded
/// (strings as HTML text, numbers formatted invariantly) unless it is <see cref="HtmlMarkup"/> this code built, so a
/// target's name, URL or error text cannot become markup by being forgotten.
/// </summary>
internal sealed class HtmlBuilder
{
    /// <summary>Encodes the characters HTML gives a meaning (&lt; &gt; &amp; quotes) and leaves other text readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder html = new();

    public HtmlBuilder Append([InterpolatedStringHandlerArgument("")] ref HtmlInterpolation markup)
    {
        _ = markup;
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public HtmlBuilder Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append(Encoder.Encode(text));
        }

        return this;
    }

    public HtmlBuilder Append(HtmlMarkup markup)
    {
        html.Append(markup.Html);
        return this;
    }

    public HtmlMarkup ToMarkup() => new(html.ToString());

    public override string ToString() => html.ToString();

    /// <summary>For <see cref="HtmlInterpolation"/> only: the literal parts of an interpolated string in this code.</summary>
    internal void Literal(string markup) => html.Append(markup);
}
