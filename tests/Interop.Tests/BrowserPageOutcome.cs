namespace Conformance.Interop.Tests;

/// <summary>What the browser peer page reported: <c>PASS</c> or <c>FAIL: reason</c>, its JSON summary and its log.</summary>
public sealed record BrowserPageOutcome(string Result, string Summary, string Log, IReadOnlyList<string> Console)
{
    public bool Passed => Result == "PASS";

    public string Describe() =>
        $"page result: {Result}\nsummary: {Summary}\n--- page log ---\n{Log}\n--- browser console ---\n{string.Join('\n', Console)}";
}
