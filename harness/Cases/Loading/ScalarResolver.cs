using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Cases.Loading;

/// <summary>Resolves plain scalars by the YAML 1.2 core schema, so <c>125</c> is a number and <c>"125"</c> a string.</summary>
internal static partial class ScalarResolver
{
    public static ScalarKind Resolve(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Bool,
        _ when IntegerPattern().IsMatch(text) => ScalarKind.Integer,
        _ when FloatPattern().IsMatch(text) => ScalarKind.Float,
        _ => ScalarKind.String,
    };

    /// <summary>Parses a core-schema integer (decimal, <c>0x</c> hex or <c>0o</c> octal); false when it does not fit 128 bits.</summary>
    public static bool TryParseInteger(string text, out Int128 value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!UInt128.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                || hex > (UInt128)Int128.MaxValue)
            {
                value = 0;
                return false;
            }

            value = (Int128)hex;
            return true;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (var digit in text.AsSpan(2))
            {
                if (value > Int128.MaxValue / 8)
                {
                    return false;
                }

                value = (value * 8) + (digit - '0');
            }

            return true;
        }

        return Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool ParseBool(string text) => text is "true" or "True" or "TRUE";

    [GeneratedRegex("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
