using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating.Diff;

/// <summary>A diff for the console: a totals line, then per target the changes, one a line (<c>FAILED &lt;- OK   6.4.1  utf8.x  reason</c>).</summary>
public static class DiffText
{
    /// <summary>The diff as plain text lines (LF-separated, ending with a newline).</summary>
    public static string Render(ResultsDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        text.Append($"{diff.RegressionCount} regression{Plural(diff.RegressionCount)}, {diff.FixCount} fix{(diff.FixCount == 1 ? string.Empty : "es")}, ")
            .Append($"{diff.ChangeCount} other change{Plural(diff.ChangeCount)}\n");
        foreach (var target in diff.Targets)
        {
            var renamed = target.Old.Url == target.New.Url ? string.Empty : $" (was {VisibleText.OneLine(target.Old.Url, 200)})";
            text.Append($"{VisibleText.OneLine(target.Label, 200)}{(target.New.Agent is null ? string.Empty : $" {VisibleText.OneLine(target.New.Url, 200)}")}{renamed}: ")
                .Append(target.IsEmpty ? $"no change ({target.Unchanged} cases)\n" : $"{target.Unchanged} unchanged\n");
            AppendChanges(text, "regressions", target.Regressions);
            AppendChanges(text, "fixes", target.Fixes);
            AppendChanges(text, "other changes", target.Changes);
            AppendCases(text, "only in the new run", target.OnlyInNew);
            AppendCases(text, "only in the old run", target.OnlyInOld);
        }

        AppendTargets(text, "target only in the old run", diff.OnlyInOld);
        AppendTargets(text, "target only in the new run", diff.OnlyInNew);
        return text.ToString();
    }

    private static void AppendChanges(StringBuilder text, string title, IReadOnlyList<CaseChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        text.Append($"  {title} ({changes.Count}):\n");
        var lines = changes.Select(c => ConsoleLine.Case(VisibleText.OneLine($"{c.New.Verdict.ToAutobahn()} <- {c.Old.Verdict.ToAutobahn()}", 40), c.New, null));
        foreach (var line in ConsoleLine.Capped(lines, changes.Count))
        {
            text.Append(line).Append('\n');
        }
    }

    private static void AppendCases(StringBuilder text, string title, IReadOnlyList<CaseRecord> cases)
    {
        if (cases.Count == 0)
        {
            return;
        }

        text.Append($"  {title} ({cases.Count}):\n");
        foreach (var line in ConsoleLine.Capped(cases.Select(c => ConsoleLine.Case(VisibleText.OneLine(c.Verdict.ToAutobahn(), 40), c, null, withReason: false)), cases.Count))
        {
            text.Append(line).Append('\n');
        }
    }

    private static void AppendTargets(StringBuilder text, string title, IReadOnlyList<TargetResults> targets)
    {
        foreach (var target in targets)
        {
            text.Append($"{title}: {VisibleText.OneLine(target.Label, 200)} ({target.Cases.Count} cases)\n");
        }
    }

    private static string Plural(int count) => count == 1 ? string.Empty : "s";
}
