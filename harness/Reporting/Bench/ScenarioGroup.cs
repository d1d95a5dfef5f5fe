using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// The results of one scenario (several targets when they were compared), in the order they were run, and how each
/// compares with the best of them: echo runs by messages per second, hold runs by connections held.
/// </summary>
internal sealed record ScenarioGroup(BenchScenario Scenario, IReadOnlyList<BenchResult> Results)
{
    public bool IsComparison => Results.Count > 1;

    /// <summary>What the targets are ranked by, for the "vs best" column.</summary>
    public string Measure => Scenario.Mode == BenchMode.Hold ? "connections held" : "msgs/s";

    public double Best => Results.Select(Figure).Where(double.IsFinite).DefaultIfEmpty(0).Max();

    /// <summary>The figure of a result relative to the best of the group (1 for the best); null when nothing was measured.</summary>
    public double? Relative(BenchResult result)
    {
        var best = Best;
        var figure = Figure(result);
        return best > 0 && double.IsFinite(figure) ? figure / best : null;
    }

    public double Figure(BenchResult result) =>
        Scenario.Mode == BenchMode.Hold ? result.ConnectionsHeld : result.MessagesPerSecond;

    /// <summary>Groups by scenario (records compare by value), each group where its scenario first appears.</summary>
    public static IReadOnlyList<ScenarioGroup> Of(IEnumerable<BenchResult> results) =>
        results.GroupBy(r => r.Scenario).Select(g => new ScenarioGroup(g.Key, g.ToList())).ToList();
}
