using System.Text.RegularExpressions;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// The one spelling of a spec section in a case: <c>RFC 6455 5.4</c> (a space after RFC, then the section, then
/// optionally a note). The older <c>RFC6455 5.4</c> is read too and normalised, so a user's file keeps loading.
/// </summary>
public static partial class SpecSection
{
    /// <summary>The canonical spelling of <paramref name="text"/>, or null when it is not a section at all.</summary>
    public static string? Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = SectionPattern().Match(text);
        return match.Success ? $"RFC {match.Groups["rest"].Value}" : null;
    }

    /// <summary>Whether <paramref name="text"/> is a section spelt the canonical way.</summary>
    public static bool IsCanonical(string text) => Normalise(text) == text;

    [GeneratedRegex(@"^RFC ?(?<rest>[0-9]+ [0-9]+(?:\.[0-9]+)*(?: .+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionPattern();
}
