namespace Conformance.Harness.Cli;

/// <summary>What <c>wsconform report</c> was asked to do.</summary>
public sealed record ReportSettings
{
    /// <summary>results.json files to render (one re-renders a run; several merge into one matrix).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Where to write the views (default: the folder of the only input; required when merging).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>When set, compare OLD to NEW instead of rendering.</summary>
    public (string Old, string New)? Diff { get; init; }
}
