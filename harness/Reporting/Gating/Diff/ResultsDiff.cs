using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating.Diff;

/// <summary>
/// What changed between two runs (<c>wsconform diff old.json new.json</c>), per pair of targets. Targets pair by agent
/// (when both have one), else by URL; when each run has exactly one target, they pair whatever their names (the same
/// server on another port, or renamed). Targets left unpaired are listed whole.
/// </summary>
public sealed record ResultsDiff(IReadOnlyList<TargetDiff> Targets, IReadOnlyList<TargetResults> OnlyInOld, IReadOnlyList<TargetResults> OnlyInNew)
{
    /// <summary>All regressions, over every target.</summary>
    public int RegressionCount => Targets.Sum(t => t.Regressions.Count);

    /// <summary>All fixes, over every target.</summary>
    public int FixCount => Targets.Sum(t => t.Fixes.Count);

    /// <summary>All other verdict changes, over every target.</summary>
    public int ChangeCount => Targets.Sum(t => t.Changes.Count);

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => OnlyInOld.Count == 0 && OnlyInNew.Count == 0 && Targets.All(t => t.IsEmpty);

    /// <summary>Compares the old run with the new one.</summary>
    public static ResultsDiff Compare(ResultsDocument old, ResultsDocument @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        if (old.Targets.Count == 1 && @new.Targets.Count == 1)
        {
            return new ResultsDiff([TargetDiff.Compare(old.Targets[0], @new.Targets[0])], [], []);
        }

        var unpaired = old.Targets.ToList();
        var pairs = new List<TargetDiff>();
        var onlyInNew = new List<TargetResults>();
        foreach (var target in @new.Targets)
        {
            var match = unpaired.FirstOrDefault(o => target.Agent is not null && o.Agent == target.Agent)
                ?? unpaired.FirstOrDefault(o => o.Url == target.Url);
            if (match is null)
            {
                onlyInNew.Add(target);
                continue;
            }

            unpaired.Remove(match);
            pairs.Add(TargetDiff.Compare(match, target));
        }

        return new ResultsDiff(pairs, unpaired, onlyInNew);
    }
}
