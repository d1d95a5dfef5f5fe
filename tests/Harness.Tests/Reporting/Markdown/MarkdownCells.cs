namespace Conformance.Harness.Tests.Reporting.Markdown;

/// <summary>Reads Markdown the way a GFM renderer splits it: table cells at unescaped pipes.</summary>
internal static class MarkdownCells
{
    /// <summary>The cells of a table row (the text between unescaped pipes, trimmed).</summary>
    public static IReadOnlyList<string> Of(string row)
    {
        var cells = new List<string>();
        var start = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '|' && !Escaped(row, i))
            {
                cells.Add(row[start..i].Trim());
                start = i + 1;
            }
        }

        cells.Add(row[start..].Trim());
        return cells[1..^1];
    }

    /// <summary>True when the character at <paramref name="index"/> follows an odd number of backslashes.</summary>
    public static bool Escaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    /// <summary>The characters of <paramref name="set"/> that occur unescaped in the text (a backslash escapes the character after it).</summary>
    public static IReadOnlyList<char> Unescaped(string text, string set)
    {
        var found = new List<char>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }
            else if (set.Contains(text[i], StringComparison.Ordinal))
            {
                found.Add(text[i]);
            }
        }

        return found;
    }
}
