namespace Conformance.Fuzz.Campaign;

/// <summary>A campaign's numbers so far, summed over its AFL++ instances (edges: the best instance's).</summary>
/// <param name="Elapsed">Time since AFL++ started.</param>
/// <param name="Execs">Runs of the target.</param>
/// <param name="ExecsPerSecond">Runs per second over the last stats interval, summed.</param>
/// <param name="CorpusCount">Inputs in the queues (AFL++'s paths).</param>
/// <param name="Crashes">Saved crashing inputs.</param>
/// <param name="Hangs">Saved hanging inputs.</param>
/// <param name="EdgesFound">Distinct map entries hit (AFL++'s edges_found).</param>
/// <param name="BitmapCoverage">AFL++'s bitmap_cvg, in percent of the map.</param>
public sealed record CampaignProgress(
    TimeSpan Elapsed,
    long Execs,
    double ExecsPerSecond,
    int CorpusCount,
    int Crashes,
    int Hangs,
    int EdgesFound,
    double BitmapCoverage)
{
    public override string ToString() =>
        $"{Elapsed.TotalSeconds:F0}s: {Execs} execs ({ExecsPerSecond:F0}/s), corpus {CorpusCount}, edges {EdgesFound} ({BitmapCoverage:F2}% map), crashes {Crashes}, hangs {Hangs}";
}
