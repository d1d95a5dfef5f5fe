using Conformance.Harness.Reporting.Gating;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Diff;

/// <summary>
/// What changed between two runs: per target (paired by agent, else URL; two single-target runs pair regardless),
/// the cases that got worse, got better, changed otherwise, appeared or disappeared.
/// </summary>
public static class ResultsDiff
{
    public static IReadOnlyList<TargetDiff> Compare(ResultsDocument old, ResultsDocument @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        if (old.Targets.Count == 1 && @new.Targets.Count == 1)
        {
            return [Compare(old.Targets[0], @new.Targets[0])];
        }

        var diffs = new List<TargetDiff>();
        var unmatched = old.Targets.ToList();
        foreach (var target in @new.Targets)
        {
            var match = unmatched.FirstOrDefault(t => Key(t) == Key(target));
            if (match is not null)
            {
                unmatched.Remove(match);
            }

            diffs.Add(Compare(match ?? new TargetResults(target.Url, target.Agent, []), target));
        }

        diffs.AddRange(unmatched.Select(t => Compare(t, new TargetResults(t.Url, t.Agent, []))));
        return diffs;
    }

    private static string Key(TargetResults target) => target.Agent ?? target.Url;

    private static TargetDiff Compare(TargetResults old, TargetResults @new)
    {
        var before = old.Cases.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<CaseChange> worse = [], better = [], other = [], added = [];
        foreach (var record in @new.Cases)
        {
            if (!before.Remove(record.Id, out var previous))
            {
                added.Add(new CaseChange(null, record));
                continue;
            }

            var change = new CaseChange(previous, record);
            var delta = FailOnRules.Severity(record.Verdict) - FailOnRules.Severity(previous.Verdict);
            if (delta > 0)
            {
                worse.Add(change);
            }
            else if (delta < 0)
            {
                better.Add(change);
            }
            else if (record.Verdict != previous.Verdict || record.CloseVerdict != previous.CloseVerdict)
            {
                other.Add(change);
            }
        }

        return new TargetDiff(Key(old.Cases.Count > 0 ? old : @new), Key(@new), worse, better, other, added, [.. before.Values.Select(r => new CaseChange(r, null))]);
    }
}

/// <summary>One case in two runs (Old null: new case; New null: no longer run).</summary>
public sealed record CaseChange(CaseRecord? Old, CaseRecord? New)
{
    public string Id => (New ?? Old)!.Id;

    public string? Autobahn => (New ?? Old)!.Autobahn;
}

/// <summary>The changes of one target between two runs.</summary>
public sealed record TargetDiff(
    string OldTarget,
    string NewTarget,
    IReadOnlyList<CaseChange> Worse,
    IReadOnlyList<CaseChange> Better,
    IReadOnlyList<CaseChange> Other,
    IReadOnlyList<CaseChange> Added,
    IReadOnlyList<CaseChange> Removed)
{
    public bool Unchanged => Worse.Count + Better.Count + Other.Count + Added.Count + Removed.Count == 0;
}
