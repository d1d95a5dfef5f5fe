using System.Buffers;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>The character classes of RFC 7230 that the handshake grammar is built from.</summary>
internal static class HttpSyntax
{
    // RFC 7230 3.2.6: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private const string TChars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly SearchValues<byte> TCharBytes = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);
    private static readonly SearchValues<char> TCharChars = SearchValues.Create(TChars);

    public static bool IsTChar(char c) => TCharChars.Contains(c);

    /// <summary>The index of the first byte that is not a tchar, or -1.</summary>
    public static int IndexOfNonTChar(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(TCharBytes);

    /// <summary>The index of the first char that is not a tchar, or -1.</summary>
    public static int IndexOfNonTChar(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(TCharChars);

    /// <summary>RFC 7230 3.2.6: token = 1*tchar.</summary>
    public static bool IsToken(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExcept(TCharBytes);

    /// <summary>RFC 7230 3.2.6: token = 1*tchar.</summary>
    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TCharChars);

    /// <summary>RFC 7230 3.2.3: OWS = *( SP / HTAB ).</summary>
    public static bool IsOws(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>RFC 7230 3.2.3: OWS = *( SP / HTAB ).</summary>
    public static bool IsOws(char c) => c is ' ' or '\t';

    /// <summary>RFC 7230 3.2: field-content is VCHAR / obs-text with SP / HTAB between them.</summary>
    public static bool IsFieldValueByte(byte b) => b is (byte)' ' or (byte)'\t' or (>= 0x21 and <= 0x7E) or >= 0x80;

    /// <summary>RFC 7230 3.2: field-content is VCHAR / obs-text with SP / HTAB between them.</summary>
    public static bool IsFieldValueChar(char c) => c is ' ' or '\t' or (>= '\x21' and <= '\x7E') or (>= '\x80' and <= '\xFF');

    /// <summary>RFC 3986 via RFC 7230 5.3: a request-target is visible ASCII, no spaces or controls.</summary>
    public static bool IsTargetByte(byte b) => b is >= 0x21 and <= 0x7E;

    /// <summary>Whether the value may be written in a header field as it is (RFC 7230 3.2).</summary>
    public static bool IsFieldValue(string value)
    {
        foreach (var c in value)
        {
            if (!IsFieldValueChar(c))
            {
                return false;
            }
        }

        return value.Length == 0 || (!IsOws(value[0]) && !IsOws(value[^1]));
    }

    public static string TrimOws(string value) => value.Trim(' ', '\t');

    /// <summary>Shows a byte for a message: printable ASCII as itself, anything else as hex.</summary>
    public static string Describe(byte b) => b is >= 0x21 and <= 0x7E ? $"'{(char)b}' (0x{b:X2})" : $"0x{b:X2}";

    /// <summary>Shows a char for a message: printable ASCII as itself, anything else as its code point.</summary>
    public static string Describe(char c) => c is >= '\x21' and <= '\x7E' ? $"'{c}'" : $"U+{(int)c:X4}";
}
