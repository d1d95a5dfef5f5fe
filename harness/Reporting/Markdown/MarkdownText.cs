using System.Text;

namespace Conformance.Harness.Reporting.Markdown;

/// <summary>
/// Escapes text for GitHub-flavoured Markdown (job summaries, PR comments) so that it renders as the same characters and
/// can inject nothing: no table cell break, no emphasis, link, code span, math or HTML, no autolink, no line break. Used for
/// every string a target controls, and for case-file text too.
/// </summary>
public static class MarkdownText
{
    /// <summary>The escaped text on one line; its escaped form is at most <paramref name="maxLength"/> characters (cut with an ellipsis).</summary>
    public static string Escape(string? text, int maxLength = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, VisibleText.Ellipsis.Length);
        var visible = VisibleText.Clean(text, singleLine: true);
        var builder = new StringBuilder(Math.Min(visible.Length + 16, maxLength));
        for (var i = 0; i < visible.Length;)
        {
            // A surrogate pair (VisibleText leaves only whole pairs) is one piece, so a cut never splits it.
            var width = char.IsHighSurrogate(visible[i]) && i + 1 < visible.Length ? 2 : 1;
            var piece = width == 2 ? visible.Substring(i, 2) : Piece(visible, i);
            var more = i + width < visible.Length;
            if (builder.Length + piece.Length > maxLength - (more ? VisibleText.Ellipsis.Length : 0))
            {
                builder.Append(VisibleText.Ellipsis);
                break;
            }

            builder.Append(piece);
            i += width;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for inside an HTML block (a <c>&lt;summary&gt;</c> line), where Markdown is not interpreted: HTML-encoded only,
    /// on one line, capped at <paramref name="maxLength"/> characters of the original text.
    /// </summary>
    public static string EscapeHtml(string? text, int maxLength = int.MaxValue) =>
        System.Net.WebUtility.HtmlEncode(VisibleText.Clean(VisibleText.Cap(text, maxLength), singleLine: true));

    /// <summary>One table row: the cells (already escaped) between pipes.</summary>
    public static string Row(params IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Piece(string text, int index)
    {
        var c = text[index];
        return c switch
        {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '$' or '#' or '@' or '!' => "\\" + c,

            // Extended autolinks (https://..., www....) would turn target text into a link: break their patterns.
            ':' when text.AsSpan(index + 1).StartsWith("//", StringComparison.Ordinal) => "\\:",
            '.' when index >= 3 && text.AsSpan(index - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase) => "\\.",
            _ => c.ToString(),
        };
    }
}
