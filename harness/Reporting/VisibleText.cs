using System.Globalization;
using System.Text;

namespace Conformance.Harness.Reporting;

/// <summary>
/// Makes text that a target controls (close reasons, payload text, its Server header) safe to show in any view: characters
/// that are illegal in XML 1.0 (C0 controls, lone surrogates, U+FFFE/U+FFFF), terminal controls (DEL, C1) and invisible
/// direction or line-separator marks are replaced by a visible <c>\uXXXX</c>, so the text can neither break a writer nor hide.
/// </summary>
public static class VisibleText
{
    /// <summary>What a line break becomes in single-line text.</summary>
    public const string LineBreakMark = "↵";

    /// <summary>What ends text that was cut short.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// The text with every character that must not be written replaced by its <c>\uXXXX</c> notation. With
    /// <paramref name="singleLine"/>, a line break (CR, LF or CRLF) becomes <see cref="LineBreakMark"/> and a tab a space;
    /// otherwise line breaks become LF and tabs stay. Null gives the empty string.
    /// </summary>
    public static string Clean(string? text, bool singleLine)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!NeedsCleaning(text, singleLine))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                builder.Append(singleLine ? LineBreakMark : "\n");
            }
            else if (c == '\t')
            {
                builder.Append(singleLine ? ' ' : '\t');
            }
            else if (IsHidden(c))
            {
                builder.Append(Notation(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The text cut to at most <paramref name="maxLength"/> characters plus <see cref="Ellipsis"/>, never inside a surrogate pair.</summary>
    public static string Cap(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text is null)
        {
            return string.Empty;
        }

        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(text.AsSpan(0, end), Ellipsis);
    }

    /// <summary>Text on one line, capped, with controls and invisible marks shown as <c>\uXXXX</c> (console lines, XML attributes).</summary>
    public static string OneLine(string? text, int maxLength) => Clean(Cap(text, maxLength), singleLine: true);

    /// <summary>The first line of the text (up to the first CR or LF), or the empty string.</summary>
    public static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }

    /// <summary>True for a character that must be shown as its <c>\uXXXX</c> notation (line breaks and tabs aside).</summary>
    public static bool IsHidden(char c) =>
        (c < 0x20 && c is not '\t' and not '\n' and not '\r')
        || c is >= '\u007F' and <= '\u009F'
        || char.IsSurrogate(c)
        || c is '\uFFFE' or '\uFFFF' or '\uFEFF'
        || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>The visible notation of one UTF-16 code unit, e.g. <c>\u001B</c>.</summary>
    public static string Notation(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static bool NeedsCleaning(string text, bool singleLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsHidden(c) || c == '\r' || (singleLine && c is '\n' or '\t'))
            {
                return true;
            }
        }

        return false;
    }
}
