using System.Globalization;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Markdown;

/// <summary>
/// summary.md, for a CI job summary (GitHub's <c>$GITHUB_STEP_SUMMARY</c>, a merge-request note): a totals table with a row
/// per target, then the FAILED cases, then the NON-STRICT ones folded in a <c>&lt;details&gt;</c> block. Every string is
/// escaped with <see cref="MarkdownText"/>; lists and texts are capped so that the page stays far below GitHub's 1 MiB
/// step-summary limit whatever the size of the run.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>At most this many cases are listed per section (FAILED, NON-STRICT); the rest are counted.</summary>
    public const int MaxListedCases = 100;

    /// <summary>The longest reason shown (escaped characters).</summary>
    public const int MaxReasonLength = 400;

    /// <summary>The longest id, title, URL or agent shown (escaped characters).</summary>
    public const int MaxTextLength = 200;

    /// <summary>The page never exceeds this many UTF-8 bytes (GitHub refuses step summaries over 1 MiB).</summary>
    public const int MaxBytes = 900 * 1024;

    private static IReadOnlyList<string> VerdictColumns => VerdictSpelling.InReportOrder;

    /// <summary>The Markdown page for the document.</summary>
    public static string Render(ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var page = new StringBuilder();
        var caseCount = document.Targets.Sum(t => t.Cases.Count);
        page.Append("## wsconform: WebSocket conformance\n\n");
        page.Append(CultureInfo.InvariantCulture, $"{MarkdownText.Escape($"{document.Tool.Name} {document.Tool.Version}", MaxTextLength)}, ")
            .Append(CultureInfo.InvariantCulture, $"started {document.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, ")
            .Append(CultureInfo.InvariantCulture, $"{caseCount} case results on {document.Targets.Count} target{(document.Targets.Count == 1 ? string.Empty : "s")}.\n\n");
        if (!document.Complete)
        {
            page.Append("> **Incomplete run:** it did not finish (interrupted, or still going on); the counts cover the finished cases only.\n\n");
        }

        AppendTotals(page, document);
        var several = document.Targets.Count > 1;
        var failed = Select(document, Verdict.Failed.ToAutobahn());
        if (failed.Count == 0)
        {
            page.Append("No case FAILED.\n\n");
        }
        else
        {
            page.Append(CultureInfo.InvariantCulture, $"### FAILED ({failed.Count})\n\n");
            AppendCases(page, failed, several);
        }

        var nonStrict = Select(document, Verdict.NonStrict.ToAutobahn());
        if (nonStrict.Count > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<details>\n<summary>NON-STRICT ({nonStrict.Count}): conformant, but not the strict choice</summary>\n\n");
            AppendCases(page, nonStrict, several);
            page.Append("</details>\n\n");
        }

        var faulted = document.Targets.Sum(t => t.Cases.Count(c => c.Errors is { Count: > 0 }));
        if (faulted > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"{faulted} case{(faulted == 1 ? string.Empty : "s")} met a harness fault (the verdict stands, the evidence may be incomplete; see results.json).\n");
        }

        return Bounded(page.ToString());
    }

    private static void AppendTotals(StringBuilder page, ResultsDocument document)
    {
        page.Append(MarkdownText.Row(["target", "agent", .. VerdictColumns, "total", "run time"])).Append('\n');
        page.Append(MarkdownText.Row(["---", "---", .. VerdictColumns.Select(_ => "---:"), "---:", "---:"])).Append('\n');
        var runTime = document.FinishedAt is { } finished ? RunTimeText.Format(finished - document.StartedAt) : "-";
        foreach (var target in document.Targets)
        {
            page.Append(MarkdownText.Row([
                MarkdownText.Escape(target.Url, MaxTextLength),
                target.Agent is null ? "-" : MarkdownText.Escape(target.Agent, MaxTextLength),
                .. VerdictColumns.Select(v => Count(target.Cases.Count(c => c.Verdict.ToAutobahn() == v))),
                Count(target.Cases.Count),
                document.Targets.Count == 1 ? runTime : "-",
            ])).Append('\n');
        }

        if (document.Targets.Count > 1)
        {
            // The targets ran one after another inside one run; only the run as a whole has a run time.
            var all = document.Targets.SelectMany(t => t.Cases).ToList();
            page.Append(MarkdownText.Row([
                "**all targets**",
                string.Empty,
                .. VerdictColumns.Select(v => Count(all.Count(c => c.Verdict.ToAutobahn() == v))),
                Count(all.Count),
                runTime,
            ])).Append('\n');
        }

        page.Append('\n');
    }

    private static void AppendCases(StringBuilder page, IReadOnlyList<(TargetResults Target, CaseRecord Case)> cases, bool several)
    {
        page.Append(MarkdownText.Row([.. several ? ["target"] : Array.Empty<string>(), "case", "Autobahn", "title", "spec", "reason"])).Append('\n');
        page.Append(MarkdownText.Row([.. several ? ["---"] : Array.Empty<string>(), "---", "---", "---", "---", "---"])).Append('\n');
        foreach (var (target, record) in cases.Take(MaxListedCases))
        {
            page.Append(MarkdownText.Row([
                .. several ? [MarkdownText.Escape(target.Label, MaxTextLength)] : Array.Empty<string>(),
                MarkdownText.Escape(record.Id, MaxTextLength),
                record.Autobahn is null ? "-" : MarkdownText.Escape(record.Autobahn, MaxTextLength),
                MarkdownText.Escape(record.Title, MaxTextLength),
                record.Spec.Count == 0 ? "-" : MarkdownText.Escape(record.Spec[0], MaxTextLength),
                string.IsNullOrEmpty(record.Reason) ? "-" : MarkdownText.Escape(record.Reason, MaxReasonLength),
            ])).Append('\n');
        }

        if (cases.Count > MaxListedCases)
        {
            page.Append(CultureInfo.InvariantCulture, $"\n... and {cases.Count - MaxListedCases} more (see results.json).\n");
        }

        page.Append('\n');
    }

    private static List<(TargetResults Target, CaseRecord Case)> Select(ResultsDocument document, string verdict) =>
        [.. document.Targets.SelectMany(t => t.Cases.Where(c => c.Verdict.ToAutobahn() == verdict).Select(c => (t, c)))];

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>A last guard (thousands of targets): cut at a line end below <see cref="MaxBytes"/> and say so.</summary>
    private static string Bounded(string page)
    {
        if (Encoding.UTF8.GetByteCount(page) <= MaxBytes)
        {
            return page;
        }

        const string note = "\n\n_(summary cut short to stay under the 1 MiB step-summary limit; see results.json)_\n";
        var end = Math.Min(page.Length, MaxBytes / 3);
        end = page.LastIndexOf('\n', end - 1) + 1;
        return page[..end] + note;
    }
}
