using System.IO.Enumeration;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Selects cases by glob patterns matched against our id or the Autobahn id, as Autobahn's <c>cases</c> and
/// <c>exclude-cases</c> do: <c>*</c> matches any run of characters (dots included), <c>?</c> one character, case-insensitively
/// (<c>\</c> escapes the next character, see <see cref="IsMatch"/>).
/// A case is selected when it matches an include pattern (or there are none) and no exclude pattern. A pattern argument
/// may hold several patterns separated by commas: <c>1.*,framing.*</c>.
/// </summary>
public sealed class CaseFilter
{
    public CaseFilter(IEnumerable<string>? include, IEnumerable<string>? exclude = null)
    {
        Include = Split(include);
        Exclude = Split(exclude);
    }

    /// <summary>Selects every case.</summary>
    public static CaseFilter All { get; } = new(null);

    public IReadOnlyList<string> Include { get; }

    public IReadOnlyList<string> Exclude { get; }

    public bool Matches(CaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (Include.Count == 0 || Include.Any(pattern => MatchesEither(pattern, definition)))
            && !Exclude.Any(pattern => MatchesEither(pattern, definition));
    }

    public IEnumerable<CaseDefinition> Apply(IEnumerable<CaseDefinition> cases) => cases.Where(Matches);

    /// <summary>
    /// Whether <paramref name="text"/> matches <paramref name="pattern"/> as a whole (<c>*</c> and <c>?</c> wildcards,
    /// case-insensitive), by the runtime's <see cref="FileSystemName.MatchesSimpleExpression"/>. Its escape character
    /// is <c>\</c>: <c>\*</c> is a literal star and a backslash before any other character is dropped
    /// (<c>framing\.text.*</c> is <c>framing.text.*</c>). No id holds a <c>\</c>, <c>*</c> or <c>?</c>, so escaping
    /// changes nothing a pattern can select beyond that.
    /// </summary>
    public static bool IsMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);

        // MatchesSimpleExpression never matches an empty name; a pattern of stars alone (or nothing) still does.
        return text.Length == 0
            ? pattern.All(c => c == '*')
            : FileSystemName.MatchesSimpleExpression(pattern, text, ignoreCase: true);
    }

    private static bool MatchesEither(string pattern, CaseDefinition definition) =>
        IsMatch(pattern, definition.Id) || (definition.Autobahn is { } autobahn && IsMatch(pattern, autobahn));

    private static string[] Split(IEnumerable<string>? patterns) =>
        patterns is null
            ? []
            : [.. patterns.SelectMany(pattern => pattern.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
