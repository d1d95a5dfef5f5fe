using System.Globalization;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cli;

/// <summary>
/// What a user switching from Autobahn should know about a spec before the run: the Autobahn cases it selects that the
/// catalogue does not have yet, patterns that match nothing, and what the spec holds that wsconform ignores. One line each.
/// </summary>
public static class AutobahnSpecWarnings
{
    public static IReadOnlyList<string> For(AutobahnSpec spec, IReadOnlyList<CaseDefinition> catalogue)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalogue);
        var ours = catalogue.Select(c => c.Autobahn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var warnings = new List<string>();

        var lacking = AutobahnCaseIds.All.Where(id => spec.Selects(id) && !ours.Contains(id)).ToList();
        if (lacking.Count > 0)
        {
            var bySection = lacking.GroupBy(id => id.Split('.')[0]).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}.*: {g.Count()}"));
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{spec.File}: {lacking.Count} Autobahn cases the spec selects are not in the catalogue yet and are skipped ({string.Join(", ", bySection)})"));
        }

        var patterns = spec.Cases.Concat(spec.ExcludeCases).Concat(spec.ExcludeAgentCases.SelectMany(e => e.Cases));
        var unmatched = patterns
            .Where(p => !p.IsEverything && !catalogue.Any(p.Matches) && !AutobahnCaseIds.All.Any(p.IsMatch))
            .Select(p => $"{p.Source} '{p.Text}'")
            .ToList();
        if (unmatched.Count > 0)
        {
            warnings.Add($"{spec.File}: {string.Join(", ", unmatched)} {(unmatched.Count == 1 ? "matches" : "match")} no case");
        }

        if (spec.Ignored.Count > 0)
        {
            warnings.Add($"{spec.File}: ignored: {string.Join(", ", spec.Ignored)}");
        }

        return warnings;
    }
}
