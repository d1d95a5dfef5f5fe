using System.Text.Json;
using Conformance.Harness.Reporting.Bench;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Bench;

/// <summary>bench.json: camelCase names a script can rely on, and a file <see cref="BenchJson.Read"/> loads back unchanged.</summary>
public sealed class BenchJsonTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wsconform-bench-json-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Bench_json_round_trips_through_the_reader()
    {
        var document = BenchSamples.Document(BenchSamples.EchoResult(), BenchSamples.HoldResult());
        var (jsonPath, _) = await BenchReportWriter.WriteAsync(document, _root);

        var read = BenchJson.Read(jsonPath);

        Assert.Equal(BenchJson.SerializeToUtf8(document).ToArray(), BenchJson.SerializeToUtf8(read).ToArray());
        Assert.Equal(document.Results[0].Scenario, read.Results[0].Scenario);
        Assert.Equal(document.Results[0].LatencyMs, read.Results[0].LatencyMs);
        Assert.Equal(document.Results[0].Timeline, read.Results[0].Timeline);
        Assert.Equal(2, read.Results[0].ErrorsByKind["timeout"]);
        Assert.Equal(document.Results[1].Scenario, read.Results[1].Scenario);
    }

    [Fact]
    public void Bench_json_names_the_figures_in_camel_case()
    {
        using var json = JsonDocument.Parse(BenchJson.SerializeToUtf8(BenchSamples.Document(BenchSamples.EchoResult())));

        var result = json.RootElement.GetProperty("results")[0];
        foreach (var name in new[] { "name", "url", "scenario", "messagesPerSecond", "megabytesPerSecond", "latencyMs", "percentiles", "timeline", "errors", "errorsByKind", "wrongEchoes", "connectionsHeld", "handshakesPerSecond", "clientCpuPercent" })
        {
            Assert.True(result.TryGetProperty(name, out _), $"bench.json has no {name}");
        }

        var latency = result.GetProperty("latencyMs");
        Assert.Equal(["p50", "p90", "p99", "p999", "max", "mean"], latency.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.243, latency.GetProperty("p50").GetDouble());
        Assert.True(json.RootElement.TryGetProperty("startedAt", out _));
        Assert.Equal(2, json.RootElement.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("echo", result.GetProperty("scenario").GetProperty("mode").GetString());
    }

    [Fact]
    public void Bench_json_omits_what_was_not_measured()
    {
        using var json = JsonDocument.Parse(BenchJson.SerializeToUtf8(BenchSamples.Document(BenchSamples.HoldResult())));

        var result = json.RootElement.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("latencyMs", out _));
        Assert.False(result.TryGetProperty("agent", out _));
        Assert.False(result.TryGetProperty("deflateAccepted", out _));
    }

    [Fact]
    public void Bench_json_keeps_a_figure_that_is_not_a_number()
    {
        var document = BenchSamples.Document(BenchSamples.EchoResult() with { MessagesPerSecond = double.NaN });

        var read = BenchJson.Parse(BenchJson.SerializeToUtf8(document).Span);

        Assert.True(double.IsNaN(read.Results[0].MessagesPerSecond));
    }

    [Fact]
    public void Reading_a_file_that_is_not_bench_json_names_the_file()
    {
        var path = Path.Combine(_root, "results.json");
        File.WriteAllText(path, "{\"tool\": 3}");

        var error = Assert.Throws<InvalidDataException>(() => BenchJson.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writer_creates_the_report_folder_with_bench_json_and_bench_html()
    {
        var folder = Path.Combine(_root, "nested", "report");

        var (jsonPath, htmlPath) = await BenchReportWriter.WriteAsync(BenchSamples.Document(BenchSamples.EchoResult()), folder);

        Assert.Equal(Path.Combine(folder, "bench.json"), jsonPath);
        Assert.Equal(Path.Combine(folder, "bench.html"), htmlPath);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(htmlPath), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
