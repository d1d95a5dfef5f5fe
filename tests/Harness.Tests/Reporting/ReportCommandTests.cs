using Conformance.Harness.Cli;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.Reporting;

/// <summary>`wsconform report` as a user runs it: re-render a run, merge runs, refuse what it cannot read.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wsconform-report-cmd-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Report_re_renders_a_run_into_the_folder_of_its_results_json()
    {
        var run = await RunAsync("run", "1.1.1");
        File.Delete(Path.Combine(run, "index.html"));

        var exit = await ReportSession.ExecuteAsync(new ReportSettings { Inputs = [Path.Combine(run, "results.json")] }, _output, _error);

        Assert.Equal(ExitCodes.Success, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(run, "index.html"));
        Assert.Contains("framing.text.length-0", html, StringComparison.Ordinal);
        Assert.Contains("1 case results from 1 run", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_merges_runs_into_one_matrix_with_a_column_per_target()
    {
        var first = await RunAsync("first", "1.1.1", "1.1.2");
        var second = await RunAsync("second", "1.1.2", "1.1.3");
        var merged = Path.Combine(_root, "merged");

        var exit = await ReportSession.ExecuteAsync(new ReportSettings { Inputs = [Path.Combine(first, "results.json"), Path.Combine(second, "results.json")], OutputDirectory = merged }, _output, _error);

        Assert.Equal(ExitCodes.Success, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(merged, "index.html"));
        Assert.Contains("wsconform report: 2 targets", html, StringComparison.Ordinal);
        // A case only one run had is marked as not run for the other target.
        Assert.Equal(2, CountOf(html, "title=\"not run against this target\""));
    }

    [Fact]
    public async Task Merging_without_an_output_folder_is_refused()
    {
        var exit = await ReportSession.ExecuteAsync(new ReportSettings { Inputs = ["a.json", "b.json"] }, _output, _error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--out", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_results_file_is_refused_with_its_name()
    {
        var path = Path.Combine(_root, "notes.json");
        await File.WriteAllTextAsync(path, "[1, 2, 3]");

        var exit = await ReportSession.ExecuteAsync(new ReportSettings { Inputs = [path] }, _output, _error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith($"wsconform report: {path}:1:", _error.ToString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private async Task<string> RunAsync(string name, params string[] include)
    {
        var directory = Path.Combine(_root, name);
        var exit = await RunSession.ExecuteAsync(new RunSettings { CasesDirectory = RepositoryPaths.Cases, Include = include, ReportDirectory = directory }, TextWriter.Null, _error, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, exit);
        return directory;
    }
}
