using Conformance.Harness.Reporting.Gating;
using Conformance.Harness.Reporting.Html;
using Conformance.Harness.Reporting.Junit;
using Conformance.Harness.Reporting.Markdown;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting;

/// <summary>The views a run writes beside results.json: index.html, junit.xml and summary.md.</summary>
public static class ReportSet
{
    public const string HtmlFile = "index.html";
    public const string JunitFile = "junit.xml";
    public const string SummaryFile = "summary.md";

    /// <summary>
    /// Writes every view of the documents (one run, or several merged into one) into <paramref name="directory"/>;
    /// the <paramref name="gate"/>'s decision, when given, closes summary.md. Returns the paths written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<ResultsDocument> documents, string directory, GateOutcome? gate = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Directory.CreateDirectory(directory);
        var html = Path.Combine(directory, HtmlFile);
        await HtmlReport.WriteAsync(ReportModel.From(documents), html);

        // JUnit and the summary describe one document: merged runs become one document with every target.
        var merged = documents.Count == 1 ? documents[0] : Merge(documents);
        var junit = Path.Combine(directory, JunitFile);
        await using (var stream = File.Create(junit))
        {
            JunitReport.Write(merged, stream);
        }

        var summary = Path.Combine(directory, SummaryFile);
        var markdown = SummaryMarkdown.Render(merged);
        await File.WriteAllTextAsync(summary, gate is null ? markdown : $"{markdown}\n{GateMarkdown.Render(gate)}");
        return [html, junit, summary];
    }

    private static ResultsDocument Merge(IReadOnlyList<ResultsDocument> documents) => documents[^1] with
    {
        StartedAt = documents.Min(d => d.StartedAt),
        FinishedAt = null, // runs merged from different times have no one run time
        Complete = documents.All(d => d.Complete),
        Targets = [.. documents.SelectMany(d => d.Targets)],
    };
}
