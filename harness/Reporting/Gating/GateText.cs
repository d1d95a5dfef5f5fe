using System.Text;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>The gate's outcome for the console after a run: the verdict on one line, then what is new, known, fixed and not run.</summary>
public static class GateText
{
    /// <summary>The outcome as plain text lines (LF-separated, ending with a newline).</summary>
    public static string Render(GateOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new StringBuilder();
        var level = outcome.FailOn == FailOn.NonStrict ? "non-strict" : "failed";
        var against = outcome.HasBaseline ? " against the baseline" : string.Empty;
        text.Append($"gate (--fail-on {level}){against}: ")
            .Append(outcome.Passed ? "passed" : $"FAILED: {outcome.New.Count} {(outcome.HasBaseline ? "new " : string.Empty)}case{Plural(outcome.New.Count)} fail{(outcome.New.Count == 1 ? "s" : string.Empty)} the job")
            .Append(outcome.Known.Count > 0 ? $" ({outcome.Known.Count} known, accepted by the baseline)" : string.Empty)
            .Append('\n');
        if (outcome.New.Count > 0)
        {
            text.Append(outcome.HasBaseline ? "  new:\n" : "  failing:\n");
            AppendLines(text, outcome.New.Select(c => ConsoleLine.Case(
                VisibleText.OneLine(c.Baseline is { } entry ? $"{c.Case.Verdict.ToAutobahn()} (baseline {entry.Verdict})" : c.Case.Verdict.ToAutobahn(), 40),
                c.Case,
                outcome.SeveralTargets ? c.TargetLabel : null)), outcome.New.Count);
        }

        if (outcome.Fixed.Count > 0)
        {
            text.Append("  better than the baseline (it can be re-recorded):\n");
            AppendLines(text, outcome.Fixed.Select(c => ConsoleLine.Case(
                VisibleText.OneLine($"{c.Case.Verdict.ToAutobahn()} <- {c.Baseline?.Verdict}", 40),
                c.Case,
                outcome.SeveralTargets ? c.TargetLabel : null,
                withReason: false)), outcome.Fixed.Count);
        }

        if (outcome.NotRun.Count > 0)
        {
            text.Append($"  in the baseline, not run ({outcome.NotRun.Count}):\n");
            AppendLines(text, outcome.NotRun.Select(e =>
                $"    {VisibleText.OneLine(e.Verdict, 40),-30} {VisibleText.OneLine(e.Autobahn ?? "-", 40),-8} {VisibleText.OneLine(e.Case, 200)}"
                + (e.Target is null ? string.Empty : $"  [{VisibleText.OneLine(e.Target, 120)}]")), outcome.NotRun.Count);
        }

        return text.ToString();
    }

    private static void AppendLines(StringBuilder text, IEnumerable<string> lines, int count)
    {
        foreach (var line in ConsoleLine.Capped(lines, count))
        {
            text.Append(line).Append('\n');
        }
    }

    private static string Plural(int count) => count == 1 ? string.Empty : "s";
}
