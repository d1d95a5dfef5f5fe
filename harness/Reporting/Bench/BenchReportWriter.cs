using System.Text;
using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>Writes a bench run's files into the report folder: bench.json (the data) and bench.html (the page), each atomically.</summary>
public static class BenchReportWriter
{
    /// <summary>Writes both files and returns their paths (json, html); the folder is created when missing.</summary>
    public static async Task<(string JsonPath, string HtmlPath)> WriteAsync(BenchDocument document, string reportDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(reportDir);
        Directory.CreateDirectory(reportDir);
        var jsonPath = Path.Combine(reportDir, BenchJson.FileName);
        var htmlPath = Path.Combine(reportDir, BenchHtmlPage.FileName);
        await WriteAtomicallyAsync(jsonPath, BenchJson.SerializeToUtf8(document), cancellationToken);
        await WriteAtomicallyAsync(htmlPath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(BenchHtmlPage.Render(document)), cancellationToken);
        return (jsonPath, htmlPath);
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
