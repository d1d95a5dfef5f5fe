namespace Conformance.Fuzz.Network;

/// <summary>
/// Mutations of the opening handshake head (RFC 6455 4.1, 4.2.1; RFC 7230 3.2): header lines duplicated, dropped,
/// swapped, oversized, in odd case or odd whitespace, replaced by lines servers treat specially, another request line.
/// </summary>
internal static class HeadMutations
{
    public const int Count = 8;

    public static NetworkInput Apply(int which, NetworkInput input, Random random)
    {
        var lines = input.Head.ToList();
        if (lines.Count == 0)
        {
            return input with { Head = NetworkInput.DefaultHead };
        }

        // Header lines are 1..; the request line is 0 and only the last mutation edits it.
        var at = lines.Count > 1 ? 1 + random.Next(lines.Count - 1) : 0;
        switch (which)
        {
            case 0: // a field twice
                lines.Insert(at + random.Next(lines.Count - at + 1), lines[at]);
                break;
            case 1: // a field dropped
                lines.RemoveAt(at);
                break;
            case 2: // an oversized value (RFC 6455 10.4: limits are the server's to protect)
                var size = new[] { 256, 1024, 4096, 8192, 16384, 65536 }[random.Next(6)];
                var line = lines[at];
                var filler = line.Length > 0 ? line[^1] : 'a';
                lines[at] = line + new string(filler == ' ' ? 'a' : filler, size);
                break;
            case 3: // odd case: header names and tokens are case-insensitive (RFC 7230 3.2, RFC 6455 4.2.1)
                lines[at] = random.Next(3) switch
                {
                    0 => lines[at].ToUpperInvariant(),
                    1 => lines[at].ToLowerInvariant(),
                    _ => new string([.. lines[at].Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]),
                };
                break;
            case 4: // odd whitespace around the colon or the value, or an obsolete line fold (RFC 7230 3.2.4)
                var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
                var space = new[] { " ", "\t", "  ", " \t " }[random.Next(4)];
                lines[at] = random.Next(4) switch
                {
                    0 when colon > 0 => lines[at][..colon] + space + lines[at][colon..],
                    1 when colon > 0 => lines[at][..(colon + 1)] + space + lines[at][(colon + 1)..].TrimStart(),
                    2 => lines[at] + space,
                    _ => lines[at] + "\r\n" + space + "x",
                };
                break;
            case 5: // a line servers treat specially
                lines.Insert(1 + random.Next(lines.Count), NetworkTokens.HeaderLines[random.Next(NetworkTokens.HeaderLines.Count)]);
                break;
            case 6: // two lines swapped
                var other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            default: // another request line
                lines[0] = NetworkTokens.RequestLines[random.Next(NetworkTokens.RequestLines.Count)];
                break;
        }

        return input with { Head = lines };
    }
}
