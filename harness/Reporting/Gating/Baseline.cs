using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// The known problems of a server (a baseline file, schema <see cref="SchemaId"/>): the cases that FAILED or were
/// NON-STRICT when it was recorded, so one baseline serves both <c>--fail-on</c> levels. A gate against it fails only on
/// what is new. Entries are in a stable order (target, then case id in natural order), so a baseline diffs well in review.
/// </summary>
public sealed record Baseline
{
    /// <summary>The schema id of baseline files.</summary>
    public const string SchemaId = "wsconform/baseline/v1";

    /// <summary>The schema id; always <see cref="SchemaId"/> for a baseline this version reads.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>The known problems.</summary>
    public required IReadOnlyList<BaselineEntry> Entries { get; init; }

    /// <summary>
    /// Every FAILED and NON-STRICT case of the run. With several targets each entry names its target (agent, else URL);
    /// with one, entries name none and so apply to whatever single target a later run tests.
    /// </summary>
    public static Baseline FromResults(ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var several = document.Targets.Count > 1;
        var entries = document.Targets
            .SelectMany(t => t.Cases
                .Select(c => (Case: c, Verdict: VerdictSeverity.Gating(c)))
                .Where(c => c.Verdict is Verdict.Failed or Verdict.NonStrict)
                .Select(c => new BaselineEntry(c.Case.Id, c.Case.Autobahn, c.Verdict.ToAutobahn(), several ? t.Label : null)))
            .Distinct();
        return new Baseline { Entries = Sorted(entries) };
    }

    /// <summary>The entries in the stable order a baseline file keeps: target (none first), then case id naturally, then verdict.</summary>
    public static IReadOnlyList<BaselineEntry> Sorted(IEnumerable<BaselineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries
            .OrderBy(e => e.Target, StringComparer.Ordinal)
            .ThenBy(e => e.Case, NaturalIdComparer.Instance)
            .ThenBy(e => e.Verdict, StringComparer.Ordinal)];
    }
}

/// <summary>
/// One known problem: the case (our id; <paramref name="Autobahn"/> only informs the reader), the verdict it had, and the
/// target it belongs to (agent or URL), or null for every target.
/// </summary>
public sealed record BaselineEntry(string Case, string? Autobahn, string Verdict, string? Target)
{
    /// <summary>True when the entry is about this target: it names none, or names its agent or its URL.</summary>
    public bool AppliesTo(TargetResults target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Target is null || Target == target.Agent || Target == target.Url;
    }
}
