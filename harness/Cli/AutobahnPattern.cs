using System.Text.RegularExpressions;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cli;

/// <summary>
/// A case or agent pattern of an Autobahn spec, matched as Autobahn's caseset.py does: <c>*</c> is a wildcard and every
/// other character is literal. In <c>cases</c> and <c>exclude-cases</c> a pattern with <c>*</c> is anchored only at the
/// start (<c>7.1*</c> selects 7.1.x and 7.13.x) and one without is an exact id; in <c>exclude-agent-cases</c> both
/// sides are anchored at both ends. Case-sensitive, as Autobahn is.
/// </summary>
public sealed class AutobahnPattern
{
    private readonly Regex? _regex;

    private AutobahnPattern(string text, string source, bool anchoredAtEnd)
    {
        Text = text;
        Source = source;
        if (text.Contains('*', StringComparison.Ordinal))
        {
            var body = Regex.Escape(text).Replace(@"\*", ".*", StringComparison.Ordinal);
            _regex = new Regex($"^{body}{(anchoredAtEnd ? "$" : string.Empty)}", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The pattern as written in the spec.</summary>
    public string Text { get; }

    /// <summary>Where the spec holds it, as a JSON path (<c>cases[2]</c>), for messages.</summary>
    public string Source { get; }

    /// <summary>The pattern <c>*</c> alone, which also selects our cases that have no Autobahn id.</summary>
    public bool IsEverything => Text == "*";

    /// <summary>A pattern of <c>cases</c> or <c>exclude-cases</c>.</summary>
    public static AutobahnPattern ForCases(string text, string source = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, source, anchoredAtEnd: false);
    }

    /// <summary>An agent or case pattern of <c>exclude-agent-cases</c>.</summary>
    public static AutobahnPattern Anchored(string text, string source = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, source, anchoredAtEnd: true);
    }

    /// <summary>Whether the Autobahn id (or agent name) <paramref name="value"/> matches.</summary>
    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _regex?.IsMatch(value) ?? string.Equals(Text, value, StringComparison.Ordinal);
    }

    /// <summary>Whether the case matches by its Autobahn id; <c>*</c> alone matches every case.</summary>
    public bool Matches(CaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return IsEverything || (definition.Autobahn is { } id && IsMatch(id));
    }

    public override string ToString() => Text;
}
