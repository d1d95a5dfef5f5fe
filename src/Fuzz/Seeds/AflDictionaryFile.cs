using System.Globalization;
using System.Text;

namespace Conformance.Fuzz.Seeds;

/// <summary>
/// Reads a user's dictionary in AFL/AFL++'s <c>-x</c> format: one token a line, <c>name="value"</c>,
/// <c>name@level="value"</c> or <c>"value"</c>; blank lines and <c>#</c> comments skipped; inside the quotes
/// <c>\\</c>, <c>\"</c> and <c>\xNN</c> escapes, every other character its own byte. Levels are accepted and every
/// token is used (AFL's <c>-x file@N</c> level filter has no counterpart).
/// </summary>
public static class AflDictionaryFile
{
    /// <summary>AFL's MAX_DICT_FILE: the longest token a dictionary file may hold.</summary>
    public const int MaxTokenBytes = 128;

    /// <summary>The tokens of a dictionary file; its bytes are the tokens' bytes (a UTF-8 token stays UTF-8).</summary>
    /// <exception cref="DictionaryFileException">A line is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<byte[]> Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        return Parse(Encoding.Latin1.GetString(bytes, start, bytes.Length - start), path);
    }

    /// <summary>The tokens of a dictionary's text, one character a byte; <paramref name="fileName"/> is for messages.</summary>
    /// <exception cref="DictionaryFileException">A line is malformed.</exception>
    public static IReadOnlyList<byte[]> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<byte[]>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var number = i + 1;
            tokens.Add(ParseLine(line, fault => new DictionaryFileException($"{fileName} line {number}: {fault}")));
        }

        return tokens;
    }

    private static byte[] ParseLine(string line, Func<string, DictionaryFileException> error)
    {
        var at = 0;
        while (at < line.Length && (char.IsAsciiLetterOrDigit(line[at]) || line[at] == '_'))
        {
            at++;
        }

        if (at < line.Length && line[at] == '@')
        {
            var digits = ++at;
            while (at < line.Length && char.IsAsciiDigit(line[at]))
            {
                at++;
            }

            if (at == digits)
            {
                throw error("missing level after @ (name@level=\"value\")");
            }
        }

        while (at < line.Length && (char.IsWhiteSpace(line[at]) || line[at] == '='))
        {
            at++;
        }

        if (at == line.Length || line[at] != '"')
        {
            throw error($"expected name=\"value\" or \"value\", found '{line}'");
        }

        var token = new List<byte>();
        for (at++; at < line.Length; at++)
        {
            var c = line[at];
            if (c == '"')
            {
                if (at + 1 < line.Length)
                {
                    throw error($"text after the closing quote: '{line[(at + 1)..]}' (write \\\" for a quote inside the token)");
                }

                if (token.Count == 0)
                {
                    throw error("empty token");
                }

                return token.Count <= MaxTokenBytes ? [.. token] : throw error($"token of {token.Count} bytes is longer than {MaxTokenBytes} (AFL's MAX_DICT_FILE)");
            }

            if (c == '\\')
            {
                var escape = at + 1 < line.Length ? line[at + 1] : '\0';
                if (escape is '\\' or '"')
                {
                    token.Add((byte)escape);
                    at++;
                }
                else if (escape == 'x' && at + 3 < line.Length && char.IsAsciiHexDigit(line[at + 2]) && char.IsAsciiHexDigit(line[at + 3]))
                {
                    token.Add(byte.Parse(line.AsSpan(at + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    at += 3;
                }
                else
                {
                    throw error($"invalid escape '{line[at..Math.Min(line.Length, at + 4)]}' (write \\\\, \\\" or \\xNN with two hex digits)");
                }
            }
            else if (c > 0xff)
            {
                Rune.DecodeFromUtf16(line.AsSpan(at), out var rune, out _);
                throw error(string.Create(CultureInfo.InvariantCulture, $"'{rune}' (U+{rune.Value:X4}) is not a byte; write its bytes as \\xNN"));
            }
            else
            {
                token.Add((byte)c);
            }
        }

        throw error("missing closing quote");
    }
}
