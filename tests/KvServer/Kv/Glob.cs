namespace Conformance.KvServer.Kv;

/// <summary>KEYS patterns: * any run, ? any one character, [abc] a set, \ escapes.</summary>
internal static class Glob
{
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case '*':
                    while (pattern.Length > 1 && pattern[1] == '*')
                    {
                        pattern = pattern[1..];
                    }

                    if (pattern.Length == 1)
                    {
                        return true;
                    }

                    for (var skip = 0; skip <= text.Length; skip++)
                    {
                        if (Matches(pattern[1..], text[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case '[':
                    var close = pattern.IndexOf(']');
                    if (close < 0)
                    {
                        return !text.IsEmpty && text[0] == '[' && Matches(pattern[1..], text[1..]);
                    }

                    if (text.IsEmpty || !pattern[1..close].Contains(text[0]))
                    {
                        return false;
                    }

                    pattern = pattern[close..];
                    break;
                case '\\' when pattern.Length > 1:
                    pattern = pattern[1..];
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
                default:
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.IsEmpty;
    }
}
