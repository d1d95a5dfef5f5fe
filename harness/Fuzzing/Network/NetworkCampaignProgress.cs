namespace Conformance.Harness.Fuzzing.Network;

/// <summary>A campaign's state at a moment: the live line, and a point of campaign.json's timeline.</summary>
public sealed record NetworkCampaignProgress(TimeSpan Elapsed, long Tests, int Findings, int Restarts, int Corpus, int Shapes, int? Edges)
{
    public double TestsPerSecond => Tests / Math.Max(0.001, Elapsed.TotalSeconds);

    public override string ToString() =>
        $"{Elapsed.TotalSeconds,5:0} s  {Tests} tests ({TestsPerSecond:0}/s)  {Findings} findings  {Restarts} restarts  corpus {Corpus}  answer shapes {Shapes}{(Edges is { } edges ? $"  edges {edges}" : string.Empty)}";
}

/// <summary>What a campaign did.</summary>
public sealed record NetworkCampaignResult(
    NetworkCampaignProgress Final,
    IReadOnlyList<NetworkFinding> Findings,
    IReadOnlyList<NetworkCampaignProgress> Timeline,
    bool StoppedByDuration,
    string? Error)
{
    /// <summary>Hangs, leaks and stuck connections that did not happen again against a fresh start (not findings).</summary>
    public IReadOnlyList<NetworkFinding> Unconfirmed { get; init; } = [];
}
