using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>One colour per target (name and URL) across the whole page, in the order the targets first appear.</summary>
internal sealed class TargetColours
{
    private readonly Dictionary<(string Name, string Url), int> colours = [];

    public TargetColours(IEnumerable<BenchResult> results)
    {
        foreach (var result in results)
        {
            colours.TryAdd(Key(result), colours.Count % BenchPageStyle.SeriesColours);
        }
    }

    public int Of(BenchResult result) => colours.TryGetValue(Key(result), out var colour) ? colour : 0;

    private static (string, string) Key(BenchResult result) => (result.Name, result.Url);
}
