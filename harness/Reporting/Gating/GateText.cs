using System.Globalization;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>The gate's decision in plain lines, printed after a run.</summary>
public static class GateText
{
    public static IReadOnlyList<string> Lines(GateOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var level = outcome.FailOn == FailOn.NonStrict ? "NON-STRICT or FAILED" : "FAILED";
        var lines = new List<string>();
        if (!outcome.HasBaseline)
        {
            lines.Add(outcome.Passed ? $"gate: passed: no {level} case" : $"gate: failed: {Cases(outcome.New.Count, level)}");
            return lines;
        }

        lines.Add(outcome.Passed
            ? $"gate: passed: no new {level} case ({outcome.Known.Count} known in the baseline)"
            : $"gate: failed: {Cases(outcome.New.Count, "new " + level)} not in the baseline ({outcome.Known.Count} known)");
        lines.AddRange(outcome.New.Select(c => $"  new:   {c.Case.Verdict,-10} {Name(c)}{(c.BaselineVerdict is { } was ? $" (baseline accepts {was})" : string.Empty)}"));
        if (outcome.Fixed.Count > 0)
        {
            lines.Add($"gate: {Cases(outcome.Fixed.Count, "fixed")}: better than the baseline says; remove them from it (or rewrite it with --write-baseline)");
            lines.AddRange(outcome.Fixed.Select(c => $"  fixed: {c.BaselineVerdict,-10} -> {c.Case.Verdict,-10} {Name(c)}"));
        }

        if (outcome.NotRun.Count > 0)
        {
            lines.Add($"gate: {Cases(outcome.NotRun.Count, "baselined")} not run this time: {string.Join(", ", outcome.NotRun.Take(10).Select(e => e.Case))}{(outcome.NotRun.Count > 10 ? ", ..." : string.Empty)}");
        }

        return lines;
    }

    private static string Name(GateCase c) => c.Case.Autobahn is { } autobahn ? $"{c.Case.Id} ({autobahn})" : c.Case.Id;

    private static string Cases(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what} {(n == 1 ? "case" : "cases")}";
}
