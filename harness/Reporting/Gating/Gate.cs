using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// Decides whether a run fails the job. A case gates when its verdict does at <see cref="FailOn"/>; with a baseline, a
/// gating case fails the job only when it is new: not in the baseline, or baselined with a less severe verdict (baselined
/// NON-STRICT, now FAILED). A case baselined with a more severe verdict than it has now (baselined FAILED, now NON-STRICT
/// under <see cref="FailOn.NonStrict"/>) improved: it is known, and its entry is listed as fixed so the baseline can be
/// updated. A baseline entry without a target applies to every target; one with a target to the target whose agent or URL it names.
/// </summary>
public static class Gate
{
    /// <summary>The outcome of the run at <paramref name="failOn"/>, against <paramref name="baseline"/> when one is given.</summary>
    public static GateOutcome Evaluate(ResultsDocument document, FailOn failOn, Baseline? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entries = baseline?.Entries ?? [];
        var byCase = entries.ToLookup(e => e.Case, StringComparer.Ordinal);
        var used = new HashSet<BaselineEntry>();
        List<GateCase> fresh = [], known = [], fixes = [];
        foreach (var target in document.Targets)
        {
            foreach (var record in target.Cases)
            {
                var entry = Match(byCase[record.Id], target);
                if (entry is not null)
                {
                    used.Add(entry);
                }

                var verdict = VerdictSeverity.Gating(record);
                var severity = VerdictSeverity.Of(verdict);
                var baselined = entry is null ? null : VerdictSeverity.Of(entry.Verdict);
                var improved = severity < baselined;
                if (VerdictSeverity.Gates(verdict, failOn))
                {
                    var accepted = entry is not null && (entry.Verdict == verdict.ToAutobahn() || improved);
                    (accepted ? known : fresh).Add(new GateCase(target, record, entry));
                }

                if (improved)
                {
                    fixes.Add(new GateCase(target, record, entry));
                }
            }
        }

        return new GateOutcome
        {
            FailOn = failOn,
            HasBaseline = baseline is not null,
            New = fresh,
            Known = known,
            Fixed = fixes,
            NotRun = [.. entries.Where(e => !used.Contains(e))],
            SeveralTargets = document.Targets.Count > 1,
        };
    }

    /// <summary>The entry for the case on this target: one naming the target wins over one for every target.</summary>
    private static BaselineEntry? Match(IEnumerable<BaselineEntry> entries, TargetResults target)
    {
        BaselineEntry? general = null;
        foreach (var entry in entries.Where(e => e.AppliesTo(target)))
        {
            if (entry.Target is not null)
            {
                return entry;
            }

            general ??= entry;
        }

        return general;
    }
}
