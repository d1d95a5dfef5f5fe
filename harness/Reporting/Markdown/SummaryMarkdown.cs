using System.Globalization;
using System.Text;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Markdown;

/// <summary>
/// summary.md: a compact Markdown page for a CI job summary (GitHub's $GITHUB_STEP_SUMMARY, a GitLab comment): totals
/// per target, then the FAILED cases with their reasons, NON-STRICT folded away. Kept well under GitHub's 1 MiB limit.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>At most this many FAILED (and NON-STRICT) rows; the rest are counted.</summary>
    public const int MaxRows = 100;

    private static readonly string[] Verdicts = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"];

    public static string Render(ResultsDocument document, IReadOnlyList<string>? gate = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var md = new StringBuilder();
        var failed = document.Targets.Sum(t => t.Cases.Count(c => c.Verdict == "FAILED"));
        md.Append(CultureInfo.InvariantCulture, $"## wsconform: {(failed == 0 ? "no FAILED case" : $"{failed} FAILED")}\n\n");
        if (!document.Complete)
        {
            md.Append("> **Interrupted:** these are the cases that finished.\n\n");
        }

        if (document.FinishedAt is { } finished)
        {
            md.Append(CultureInfo.InvariantCulture, $"Run of {document.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, {(finished - document.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.\n\n");
        }

        md.Append("| target | agent | cases | ").Append(string.Join(" | ", Verdicts)).Append(" |\n");
        md.Append("| --- | --- | ---: |").Append(string.Concat(Verdicts.Select(_ => " ---: |"))).Append('\n');
        foreach (var target in document.Targets)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(target.Url)} | {MarkdownText.Escape(target.Agent ?? "-")} | {target.Cases.Count} |");
            foreach (var verdict in Verdicts)
            {
                md.Append(CultureInfo.InvariantCulture, $" {target.Cases.Count(c => c.Verdict == verdict)} |");
            }

            md.Append('\n');
        }

        md.Append('\n');
        Section(md, document, "FAILED", "### FAILED\n\n", string.Empty);
        Section(md, document, "NON-STRICT", "<details><summary>NON-STRICT: conformant, not the strict choice</summary>\n\n", "</details>\n\n");
        if (gate is { Count: > 0 })
        {
            md.Append("### Gate\n\n```text\n");
            foreach (var line in gate)
            {
                md.Append(line.Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
            }

            md.Append("```\n\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"{document.Tool.Name} {document.Tool.Version}; evidence per case in index.html and results.json.\n");
        return md.ToString();
    }

    private static void Section(StringBuilder md, ResultsDocument document, string verdict, string open, string close)
    {
        var rows = document.Targets.SelectMany(t => t.Cases.Where(c => c.Verdict == verdict).Select(c => (Target: t, Case: c))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var several = document.Targets.Count > 1;
        md.Append(open);
        md.Append(several ? "| target | case | autobahn | spec | why |\n| --- | --- | --- | --- | --- |\n" : "| case | autobahn | spec | why |\n| --- | --- | --- | --- |\n");
        foreach (var (target, record) in rows.Take(MaxRows))
        {
            if (several)
            {
                md.Append("| ").Append(MarkdownText.Escape(target.Agent ?? target.Url)).Append(' ');
            }

            md.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(record.Id)}<br>{MarkdownText.Escape(record.Title, 160)} | {MarkdownText.Escape(record.Autobahn ?? "")} | {MarkdownText.Escape(record.Spec.Count > 0 ? record.Spec[0] : "")} | {MarkdownText.Escape(record.Reason)} |\n");
        }

        if (rows.Count > MaxRows)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n… and {rows.Count - MaxRows} more {verdict} cases (see index.html).\n");
        }

        md.Append('\n').Append(close);
    }
}
