using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting;
using Conformance.Harness.Reporting.Gating.Diff;
using Conformance.Harness.Results;

namespace Conformance.Harness.Cli;

/// <summary>One <c>wsconform report</c>: reads the results files, then renders (one run or a merge) or compares two runs.</summary>
public static class ReportSession
{
    public static async Task<int> ExecuteAsync(ReportSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            if (settings.Diff is { } diff)
            {
                if (settings.Inputs.Count > 0)
                {
                    return await UsageAsync(error, "--diff takes OLD and NEW itself; give no other results files");
                }

                return await DiffAsync(ResultsReader.Read(diff.Old), ResultsReader.Read(diff.New), settings.OutputDirectory, output);
            }

            if (settings.Inputs.Count == 0)
            {
                return await UsageAsync(error, "give one or more results.json files (or --diff OLD NEW)");
            }

            var directory = settings.OutputDirectory;
            if (directory is null)
            {
                if (settings.Inputs.Count > 1)
                {
                    return await UsageAsync(error, "merging several runs needs --out DIR for the merged report");
                }

                directory = Path.GetDirectoryName(Path.GetFullPath(settings.Inputs[0]))!;
            }

            var documents = settings.Inputs.Select(ResultsReader.Read).ToList();
            var written = await ReportSet.WriteAsync(documents, directory);
            var cases = documents.Sum(d => d.Targets.Sum(t => t.Cases.Count));
            await output.WriteLineAsync($"{cases} case results from {documents.Count} {(documents.Count == 1 ? "run" : "runs")}: {string.Join(", ", written)}");
            return ExitCodes.Success;
        }
        catch (ResultsFileException exception)
        {
            return await UsageAsync(error, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return await UsageAsync(error, $"cannot write the report: {exception.Message}");
        }
    }

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"wsconform report: {problem}");
        return ExitCodes.UsageError;
    }

    /// <summary>Prints what changed; with an output folder also writes diff.md. Exit 1 when a case got worse or a new case FAILED.</summary>
    private static async Task<int> DiffAsync(ResultsDocument old, ResultsDocument @new, string? directory, TextWriter output)
    {
        var diff = ResultsDiff.Compare(old, @new);
        await output.WriteAsync(DiffText.Render(diff));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "diff.md");
            await File.WriteAllTextAsync(path, DiffMarkdown.Render(diff));
            await output.WriteLineAsync($"diff: {path}");
        }

        var newFailures = diff.Targets.Any(t => t.OnlyInNew.Any(c => c.Verdict == Verdict.Failed))
            || diff.OnlyInNew.Any(t => t.Cases.Any(c => c.Verdict == Verdict.Failed));
        return diff.RegressionCount > 0 || newFailures ? ExitCodes.CasesFailed : ExitCodes.Success;
    }
}
