using System.Text;

namespace Conformance.Harness.Reporting.Markdown;

/// <summary>Text from a target, made inert for Markdown (GitHub, GitLab): no markup, links, HTML or table breaks.</summary>
public static class MarkdownText
{
    /// <summary>One table cell or line: Markdown and HTML punctuation escaped, newlines as spaces, capped at <paramref name="max"/> characters.</summary>
    public static string Escape(string? text, int max = 400)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var source = text.Length > max ? text[..max] + "…" : text;
        var escaped = new StringBuilder(source.Length + 16);
        foreach (var c in source)
        {
            switch (c)
            {
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '~':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r' or '\n' or '\t':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? '\uFFFD' : c);
                    break;
            }
        }

        return escaped.ToString();
    }
}
