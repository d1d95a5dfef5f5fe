using System.Globalization;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting.Markdown;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// The gate's outcome as a Markdown section to append to summary.md: passed or failed, the new cases in a table, the
/// known, fixed and not-run ones folded in <c>&lt;details&gt;</c>. Escaped and capped as <see cref="SummaryMarkdown"/> is.
/// </summary>
public static class GateMarkdown
{
    /// <summary>At most this many rows per table; the rest are counted.</summary>
    public const int MaxRows = 100;

    /// <summary>The section (starting with a level-3 heading, ending with a blank line).</summary>
    public static string Render(GateOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var page = new StringBuilder();
        var level = outcome.FailOn == FailOn.NonStrict ? "non-strict" : "failed";
        page.Append(CultureInfo.InvariantCulture, $"### Gate: {(outcome.Passed ? "passed" : "failed")}\n\n");
        page.Append(CultureInfo.InvariantCulture, $"Fails on {(outcome.FailOn == FailOn.NonStrict ? "NON-STRICT or FAILED" : "FAILED")} (`--fail-on {level}`)")
            .Append(outcome.HasBaseline ? ", against a baseline of known problems.\n\n" : ".\n\n");
        if (outcome.New.Count == 0)
        {
            page.Append(outcome.HasBaseline ? "Nothing new fails the job.\n\n" : "No case fails the job.\n\n");
        }
        else
        {
            page.Append(CultureInfo.InvariantCulture, $"**{outcome.New.Count} {(outcome.HasBaseline ? "new " : string.Empty)}case{(outcome.New.Count == 1 ? string.Empty : "s")}** fail the job:\n\n");
            AppendCases(page, outcome, outcome.New, withReason: true);
        }

        if (outcome.Known.Count > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<details>\n<summary>Known ({outcome.Known.Count}): accepted by the baseline</summary>\n\n");
            AppendCases(page, outcome, outcome.Known, withReason: false);
            page.Append("</details>\n\n");
        }

        if (outcome.Fixed.Count > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<details>\n<summary>Better than the baseline ({outcome.Fixed.Count}): it can be re-recorded</summary>\n\n");
            AppendCases(page, outcome, outcome.Fixed, withReason: false);
            page.Append("</details>\n\n");
        }

        if (outcome.NotRun.Count > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<details>\n<summary>In the baseline, not run ({outcome.NotRun.Count})</summary>\n\n");
            page.Append(MarkdownText.Row("case", "Autobahn", "baseline", "target")).Append('\n');
            page.Append(MarkdownText.Row("---", "---", "---", "---")).Append('\n');
            foreach (var entry in outcome.NotRun.Take(MaxRows))
            {
                page.Append(MarkdownText.Row(
                    Cell(entry.Case),
                    Cell(entry.Autobahn),
                    Cell(entry.Verdict),
                    entry.Target is null ? "(any)" : Cell(entry.Target))).Append('\n');
            }

            AppendMore(page, outcome.NotRun.Count);
            page.Append("\n</details>\n\n");
        }

        return page.ToString();
    }

    private static void AppendCases(StringBuilder page, GateOutcome outcome, IReadOnlyList<GateCase> cases, bool withReason)
    {
        List<string> header = [.. outcome.SeveralTargets ? ["target"] : Array.Empty<string>(), "case", "Autobahn", "verdict", "baseline"];
        if (withReason)
        {
            header.Add("reason");
        }

        page.Append(MarkdownText.Row(header)).Append('\n');
        page.Append(MarkdownText.Row(header.Select(_ => "---"))).Append('\n');
        foreach (var item in cases.Take(MaxRows))
        {
            List<string> cells = [
                .. outcome.SeveralTargets ? [Cell(item.TargetLabel)] : Array.Empty<string>(),
                Cell(item.Case.Id),
                Cell(item.Case.Autobahn),
                Cell(item.Case.Verdict.ToAutobahn()),
                item.Baseline is null ? "-" : Cell(item.Baseline.Verdict),
            ];
            if (withReason)
            {
                cells.Add(string.IsNullOrEmpty(item.Case.Reason) ? "-" : MarkdownText.Escape(item.Case.Reason, SummaryMarkdown.MaxReasonLength));
            }

            page.Append(MarkdownText.Row(cells)).Append('\n');
        }

        AppendMore(page, cases.Count);
        page.Append('\n');
    }

    private static void AppendMore(StringBuilder page, int count)
    {
        if (count > MaxRows)
        {
            page.Append(CultureInfo.InvariantCulture, $"\n... and {count - MaxRows} more.\n");
        }
    }

    private static string Cell(string? text) => string.IsNullOrEmpty(text) ? "-" : MarkdownText.Escape(text, SummaryMarkdown.MaxTextLength);
}
