namespace Conformance.Fuzz.Campaign;

/// <summary>What a campaign ended with: the final numbers, its crashes and hangs.</summary>
public sealed record CampaignResult(
    string Target,
    CampaignProgress Final,
    IReadOnlyList<CrashFinding> Crashes,
    IReadOnlyList<string> HangFiles,
    string WorkDirectory,
    bool AflEndedEarly,
    string AflOutputTail);
