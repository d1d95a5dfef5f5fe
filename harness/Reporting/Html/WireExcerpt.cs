using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Html;

/// <summary>
/// What the report shows of a case's wire log: the first and last entries of a long log (the bulk in between is the
/// same exchange repeated) and payloads cut to a readable length. results.json keeps everything the observer kept.
/// </summary>
public static class WireExcerpt
{
    /// <summary>Entries shown per case: the first and last half of this many.</summary>
    public const int MaxEntries = 120;

    /// <summary>Characters of payload text shown per entry.</summary>
    public const int MaxPayloadChars = 256;

    /// <summary>Hex digits of a binary payload shown per entry (64 bytes: a hex dump's four lines).</summary>
    public const int MaxHexDigits = 128;

    /// <summary>The entries to show, with null standing where entries were left out; and how many were left out.</summary>
    public static (IReadOnlyList<WireRecord?> Rows, int LeftOut) Rows(IReadOnlyList<WireRecord> wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.Count <= MaxEntries)
        {
            return ([.. wire], 0);
        }

        const int half = MaxEntries / 2;
        return ([.. wire.Take(half), null, .. wire.Skip(wire.Count - half)], wire.Count - MaxEntries);
    }

    /// <summary>A payload string cut to <see cref="MaxPayloadChars"/>; whether it was cut.</summary>
    public static (string Text, bool Cut) Payload(string payload) => Cut(payload, MaxPayloadChars);

    /// <summary>Hex digits cut to <see cref="MaxHexDigits"/>; whether they were cut.</summary>
    public static (string Text, bool Cut) Hex(string hex) => Cut(hex, MaxHexDigits);

    private static (string Text, bool Cut) Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? (text, false) : (text[..max], true);
    }
}
