using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating.Diff;

/// <summary>
/// The changes of one target between two runs: regressions (the verdict got more severe, see <see cref="VerdictSeverity"/>),
/// fixes (less severe), other changes (as severe, e.g. OK and INFORMATIONAL, or a verdict this version does not know),
/// and the cases only one run has. Lists keep the new run's case order (the old run's for <see cref="OnlyInOld"/>).
/// </summary>
public sealed record TargetDiff(
    TargetResults Old,
    TargetResults New,
    IReadOnlyList<CaseChange> Regressions,
    IReadOnlyList<CaseChange> Fixes,
    IReadOnlyList<CaseChange> Changes,
    IReadOnlyList<CaseRecord> OnlyInNew,
    IReadOnlyList<CaseRecord> OnlyInOld,
    int Unchanged)
{
    /// <summary>The new target's label: its agent, else its URL.</summary>
    public string Label => New.Label;

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => Regressions.Count == 0 && Fixes.Count == 0 && Changes.Count == 0 && OnlyInNew.Count == 0 && OnlyInOld.Count == 0;

    /// <summary>Compares one target's cases in the two runs, matched by case id.</summary>
    public static TargetDiff Compare(TargetResults old, TargetResults @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var oldById = new Dictionary<string, CaseRecord>(StringComparer.Ordinal);
        foreach (var record in old.Cases)
        {
            oldById.TryAdd(record.Id, record);
        }

        List<CaseChange> regressions = [], fixes = [], changes = [];
        List<CaseRecord> onlyInNew = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unchanged = 0;
        foreach (var record in @new.Cases)
        {
            seen.Add(record.Id);
            if (!oldById.TryGetValue(record.Id, out var before))
            {
                onlyInNew.Add(record);
                continue;
            }

            if (before.Verdict == record.Verdict)
            {
                unchanged++;
                continue;
            }

            var was = VerdictSeverity.Of(before.Verdict);
            var now = VerdictSeverity.Of(record.Verdict);
            var list = now > was ? regressions : now < was ? fixes : changes;
            list.Add(new CaseChange(before, record));
        }

        return new TargetDiff(old, @new, regressions, fixes, changes, onlyInNew, [.. old.Cases.Where(c => !seen.Contains(c.Id))], unchanged);
    }
}
