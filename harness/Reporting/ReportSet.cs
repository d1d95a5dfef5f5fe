using Conformance.Harness.Reporting.Html;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting;

/// <summary>The views a run writes beside results.json: index.html, junit.xml and summary.md.</summary>
public static class ReportSet
{
    public const string HtmlFile = "index.html";

    /// <summary>Writes every view of the documents (one run, or several merged) into <paramref name="directory"/>; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<ResultsDocument> documents, string directory)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Directory.CreateDirectory(directory);
        var html = Path.Combine(directory, HtmlFile);
        await HtmlReport.WriteAsync(ReportModel.From(documents), html);
        return [html];
    }
}
