using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// What the gate decided. <see cref="New"/> fails the job; <see cref="Known"/> are gating cases the baseline accepts;
/// <see cref="Fixed"/> are baseline entries whose case got better (the baseline can shrink); <see cref="NotRun"/> are
/// baseline entries this run did not test.
/// </summary>
public sealed record GateOutcome
{
    /// <summary>The level the gate judged at.</summary>
    public required FailOn FailOn { get; init; }

    /// <summary>True when a baseline was given.</summary>
    public required bool HasBaseline { get; init; }

    /// <summary>Gating cases that no baseline entry accepts: not baselined, or baselined with a less severe verdict.</summary>
    public required IReadOnlyList<GateCase> New { get; init; }

    /// <summary>Gating cases the baseline accepts (baselined with the same verdict, or a more severe one).</summary>
    public required IReadOnlyList<GateCase> Known { get; init; }

    /// <summary>Baseline entries whose case now has a less severe verdict, one per target where it improved.</summary>
    public required IReadOnlyList<GateCase> Fixed { get; init; }

    /// <summary>Baseline entries that match no case of this run (another selection of cases, or another target).</summary>
    public required IReadOnlyList<BaselineEntry> NotRun { get; init; }

    /// <summary>True when the run had several targets, so views say which one a case belongs to.</summary>
    public required bool SeveralTargets { get; init; }

    /// <summary>The job passes: nothing new gates.</summary>
    public bool Passed => New.Count == 0;
}

/// <summary>A case of the run, with its target and the baseline entry that matched it (null when none did).</summary>
public sealed record GateCase(TargetResults Target, CaseRecord Case, BaselineEntry? Baseline)
{
    /// <summary>The target's label: its agent, else its URL.</summary>
    public string TargetLabel => Target.Label;
}
