using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary>Progress of one target's run: a live Spectre.Console bar with verdict counts, or plain lines when output is not a terminal.</summary>
internal static class RunProgressDisplay
{
    public static async Task RunAsync(string target, int total, TextWriter output, Func<Action<CaseResult>, Task> run)
    {
        var counts = new Dictionary<Verdict, int>();
        var done = 0;
        string Describe(string? current) =>
            $"{Markup.Escape(target)}  [green]OK {Count(Verdict.Ok)}[/] [yellow]NON-STRICT {Count(Verdict.NonStrict)}[/] " +
            $"[blue]INFO {Count(Verdict.Informational)}[/] [red]FAILED {Count(Verdict.Failed)}[/]" +
            (current is null ? string.Empty : $"  [grey]{Markup.Escape(current)}[/]");
        int Count(Verdict verdict) => counts.GetValueOrDefault(verdict);

        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var step = Math.Max(1, total / 10);
            await run(result =>
            {
                counts[result.Verdict] = Count(result.Verdict) + 1;
                done++;
                if (done % step == 0 || done == total)
                {
                    output.WriteLine($"{target}: {done}/{total} cases, OK {Count(Verdict.Ok)}, NON-STRICT {Count(Verdict.NonStrict)}, INFORMATIONAL {Count(Verdict.Informational)}, FAILED {Count(Verdict.Failed)}");
                }
            });
            return;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(null), maxValue: total);
                await run(result =>
                {
                    counts[result.Verdict] = Count(result.Verdict) + 1;
                    task.Increment(1);
                    task.Description = Describe(result.Id);
                });
                task.Description = Describe(null);
            });
    }
}
