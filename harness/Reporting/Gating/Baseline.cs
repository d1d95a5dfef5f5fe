using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// Accepted non-OK verdicts (schema <see cref="SchemaId"/>): known failures that do not fail a CI job. Written from a
/// run with <c>--write-baseline</c>; it records every FAILED and NON-STRICT case, so one file serves both --fail-on levels.
/// </summary>
public sealed record Baseline
{
    public const string SchemaId = "wsconform/baseline/v1";

    public string Schema { get; init; } = SchemaId;

    public required IReadOnlyList<BaselineEntry> Entries { get; init; }

    public static Baseline FromResults(ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var several = document.Targets.Count > 1;
        return new Baseline
        {
            Entries =
            [
                .. document.Targets
                    .SelectMany(t => t.Cases.Where(c => c.Verdict is "FAILED" or "NON-STRICT")
                        .Select(c => new BaselineEntry(c.Id, c.Verdict, c.Autobahn, several ? t.Agent ?? t.Url : null)))
                    .OrderBy(e => e.Target, StringComparer.Ordinal)
                    .ThenBy(e => e.Case, StringComparer.Ordinal),
            ],
        };
    }

    /// <summary>The entry accepting this case of this target, if any (an entry without a target applies to all).</summary>
    public BaselineEntry? Find(TargetResults target, string caseId)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Entries.FirstOrDefault(e => e.Case == caseId && e.AppliesTo(target));
    }
}

/// <summary>One accepted verdict. <see cref="Autobahn"/> is for the reader; <see cref="Target"/> (agent or URL) is set only for runs of several targets.</summary>
public sealed record BaselineEntry(string Case, string Verdict, string? Autobahn = null, string? Target = null)
{
    public bool AppliesTo(TargetResults target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Target is null || Target == target.Agent || Target == target.Url;
    }
}
