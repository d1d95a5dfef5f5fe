using System.Globalization;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting.Markdown;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating.Diff;

/// <summary>
/// A diff as Markdown (a job summary or a pull-request comment): a table of counts per target, then per target its
/// regressions in a table and the rest folded in <c>&lt;details&gt;</c>. Escaped and capped as <see cref="SummaryMarkdown"/> is.
/// </summary>
public static class DiffMarkdown
{
    /// <summary>At most this many rows per table; the rest are counted.</summary>
    public const int MaxRows = 100;

    /// <summary>The Markdown page for the diff.</summary>
    public static string Render(ResultsDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var page = new StringBuilder();
        page.Append("## wsconform: changes since the previous run\n\n");
        page.Append(MarkdownText.Row("target", "regressions", "fixes", "other changes", "only in new", "only in old", "unchanged")).Append('\n');
        page.Append(MarkdownText.Row("---", "---:", "---:", "---:", "---:", "---:", "---:")).Append('\n');
        foreach (var target in diff.Targets)
        {
            page.Append(MarkdownText.Row(
                Cell(target.Label),
                Count(target.Regressions.Count),
                Count(target.Fixes.Count),
                Count(target.Changes.Count),
                Count(target.OnlyInNew.Count),
                Count(target.OnlyInOld.Count),
                Count(target.Unchanged))).Append('\n');
        }

        page.Append('\n');
        foreach (var target in diff.OnlyInOld)
        {
            page.Append(CultureInfo.InvariantCulture, $"Target only in the old run: {Cell(target.Label)} ({target.Cases.Count} cases).\n\n");
        }

        foreach (var target in diff.OnlyInNew)
        {
            page.Append(CultureInfo.InvariantCulture, $"Target only in the new run: {Cell(target.Label)} ({target.Cases.Count} cases).\n\n");
        }

        if (diff.IsEmpty)
        {
            page.Append("No verdict changed.\n\n");
            return page.ToString();
        }

        foreach (var target in diff.Targets.Where(t => !t.IsEmpty))
        {
            var several = diff.Targets.Count > 1;
            var name = several ? $"{MarkdownText.EscapeHtml(target.Label, SummaryMarkdown.MaxTextLength)}: " : string.Empty;
            if (target.Regressions.Count > 0)
            {
                page.Append(CultureInfo.InvariantCulture, $"### {(several ? Cell(target.Label) + ": " : string.Empty)}regressions ({target.Regressions.Count})\n\n");
                AppendChanges(page, target.Regressions);
            }

            AppendFolded(page, $"{name}fixes ({target.Fixes.Count})", target.Fixes.Count, p => AppendChanges(p, target.Fixes));
            AppendFolded(page, $"{name}other changes ({target.Changes.Count})", target.Changes.Count, p => AppendChanges(p, target.Changes));
            AppendFolded(page, $"{name}only in the new run ({target.OnlyInNew.Count})", target.OnlyInNew.Count, p => AppendCases(p, target.OnlyInNew));
            AppendFolded(page, $"{name}only in the old run ({target.OnlyInOld.Count})", target.OnlyInOld.Count, p => AppendCases(p, target.OnlyInOld));
        }

        return page.ToString();
    }

    private static void AppendFolded(StringBuilder page, string summary, int count, Action<StringBuilder> body)
    {
        if (count == 0)
        {
            return;
        }

        page.Append(CultureInfo.InvariantCulture, $"<details>\n<summary>{summary}</summary>\n\n");
        body(page);
        page.Append("</details>\n\n");
    }

    private static void AppendChanges(StringBuilder page, IReadOnlyList<CaseChange> changes)
    {
        page.Append(MarkdownText.Row("case", "Autobahn", "now", "was", "reason")).Append('\n');
        page.Append(MarkdownText.Row("---", "---", "---", "---", "---")).Append('\n');
        foreach (var change in changes.Take(MaxRows))
        {
            page.Append(MarkdownText.Row(
                Cell(change.Id),
                Cell(change.Autobahn),
                Cell(change.New.Verdict.ToAutobahn()),
                Cell(change.Old.Verdict.ToAutobahn()),
                string.IsNullOrEmpty(change.New.Reason) ? "-" : MarkdownText.Escape(change.New.Reason, SummaryMarkdown.MaxReasonLength))).Append('\n');
        }

        AppendMore(page, changes.Count);
    }

    private static void AppendCases(StringBuilder page, IReadOnlyList<CaseRecord> cases)
    {
        page.Append(MarkdownText.Row("case", "Autobahn", "verdict", "title")).Append('\n');
        page.Append(MarkdownText.Row("---", "---", "---", "---")).Append('\n');
        foreach (var record in cases.Take(MaxRows))
        {
            page.Append(MarkdownText.Row(Cell(record.Id), Cell(record.Autobahn), Cell(record.Verdict.ToAutobahn()), Cell(record.Title))).Append('\n');
        }

        AppendMore(page, cases.Count);
    }

    private static void AppendMore(StringBuilder page, int count)
    {
        page.Append(count > MaxRows ? string.Create(CultureInfo.InvariantCulture, $"\n... and {count - MaxRows} more.\n\n") : "\n");
    }

    private static string Cell(string? text) => string.IsNullOrEmpty(text) ? "-" : MarkdownText.Escape(text, SummaryMarkdown.MaxTextLength);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
