using System.CommandLine;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform report</c>: re-renders runs from their results.json, merges runs into one matrix, or diffs two runs.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("results") { Description = "results.json files: one re-renders that run, several merge into one matrix (a column per target)", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--out") { Description = "Folder for index.html, junit.xml and summary.md (default: the folder of the only results.json; required when merging)" };
        var diff = new Option<string[]>("--diff") { Description = "Compare two runs: --diff OLD.json NEW.json prints new failures, fixed cases and other changes (exit 1 when something got worse); with --out, also writes diff.md", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var command = new Command("report", "Re-render, merge or compare runs from their results.json");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(diff);
        command.SetAction(async (parseResult, _) =>
        {
            var pair = parseResult.GetValue(diff);
            var settings = new ReportSettings
            {
                Inputs = parseResult.GetValue(inputs) ?? [],
                OutputDirectory = parseResult.GetValue(output),
                Diff = pair is { Length: 2 } ? (pair[0], pair[1]) : null,
            };
            return await ReportSession.ExecuteAsync(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }
}
