using System.Text;

namespace Conformance.KvServer.Kv;

/// <summary>
/// Splits a command line into words: spaces separate, double quotes group, and inside quotes \" \\ \n and \xNN escape.
/// </summary>
internal static class CommandLine
{
    public const int MaxWords = 16;

    /// <summary>The words, or null with an error when the quoting is broken or there are too many.</summary>
    public static List<string>? Split(string line, out string? error)
    {
        error = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                i++;
                continue;
            }

            word.Clear();
            if (c == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    c = line[i++];
                    if (c == '"')
                    {
                        closed = true;
                        break;
                    }

                    if (c != '\\')
                    {
                        word.Append(c);
                        continue;
                    }

                    if (i >= line.Length)
                    {
                        error = "dangling escape";
                        return null;
                    }

                    var escaped = line[i++];
                    switch (escaped)
                    {
                        case 'n':
                            word.Append('\n');
                            break;
                        case '"' or '\\':
                            word.Append(escaped);
                            break;
                        case 'x' when i + 1 < line.Length && IsHex(line[i]) && IsHex(line[i + 1]):
                            word.Append((char)Convert.ToInt32(line.Substring(i, 2), 16));
                            i += 2;
                            break;
                        default:
                            error = $"unknown escape \\{escaped}";
                            return null;
                    }
                }

                if (!closed)
                {
                    error = "unbalanced quotes";
                    return null;
                }

                if (i < line.Length && line[i] is not (' ' or '\t'))
                {
                    error = "closing quote must be followed by a space";
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] is not (' ' or '\t'))
                {
                    word.Append(line[i++]);
                }
            }

            words.Add(word.ToString());
            if (words.Count > MaxWords)
            {
                error = "too many arguments";
                return null;
            }
        }

        return words;
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
