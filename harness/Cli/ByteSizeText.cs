using System.Globalization;

namespace Conformance.Harness.Cli;

/// <summary>Sizes on the command line: <c>32</c>, <c>512B</c>, <c>64KiB</c> (or <c>64k</c>), <c>1MiB</c> (or <c>1m</c>).</summary>
internal static class ByteSizeText
{
    public static bool TryParse(string text, out int bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long multiplier = trimmed[digits..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            _ => 0,
        };
        var total = number * multiplier;
        if (multiplier == 0 || total > 64L * 1024 * 1024)
        {
            return false;
        }

        bytes = (int)total;
        return true;
    }
}
