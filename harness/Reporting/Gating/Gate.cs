using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>Decides whether a run passes a CI job: by --fail-on level, with known failures taken from a baseline.</summary>
public static class Gate
{
    public static GateOutcome Evaluate(ResultsDocument document, FailOn failOn, Baseline? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        List<GateCase> fresh = [], known = [], fixedCases = [];
        var seen = new HashSet<BaselineEntry>();
        foreach (var target in document.Targets)
        {
            foreach (var record in target.Cases)
            {
                var entry = baseline?.Find(target, record.Id);
                if (entry is not null)
                {
                    seen.Add(entry);
                }

                if (failOn.Gates(record.Verdict))
                {
                    // A baselined case is known only with the verdict it was accepted with: NON-STRICT then FAILED is new.
                    (entry is not null && entry.Verdict == record.Verdict ? known : fresh).Add(new GateCase(target, record, entry?.Verdict));
                }
                else if (entry is not null && FailOnRules.Severity(record.Verdict) < FailOnRules.Severity(entry.Verdict))
                {
                    fixedCases.Add(new GateCase(target, record, entry.Verdict));
                }
            }
        }

        var ran = document.Targets.SelectMany(t => t.Cases.Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        var notRun = baseline is null ? [] : baseline.Entries.Where(e => !seen.Contains(e) && !ran.Contains(e.Case)).ToList();
        return new GateOutcome(failOn, baseline is not null, fresh, known, fixedCases, notRun);
    }
}

/// <summary>A case that counts for the gate, with the verdict the baseline accepted for it (if any).</summary>
public sealed record GateCase(TargetResults Target, CaseRecord Case, string? BaselineVerdict);

/// <summary>
/// The gate's decision. <see cref="New"/> fail the job; <see cref="Known"/> are accepted by the baseline; <see cref="Fixed"/>
/// are baseline entries that now do better (shrink the baseline); <see cref="NotRun"/> are baseline entries this run did not run.
/// </summary>
public sealed record GateOutcome(
    FailOn FailOn,
    bool HasBaseline,
    IReadOnlyList<GateCase> New,
    IReadOnlyList<GateCase> Known,
    IReadOnlyList<GateCase> Fixed,
    IReadOnlyList<BaselineEntry> NotRun)
{
    public bool Passed => New.Count == 0;
}
