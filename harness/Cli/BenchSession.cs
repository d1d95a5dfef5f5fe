using System.Globalization;
using System.Runtime.InteropServices;
using Conformance.Harness.Benchmarking;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Conformance.Harness.Reporting.Bench;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary>
/// One <c>wsconform bench</c>: starts the reference server when no target is given, runs every scenario against every
/// target (one at a time, so they do not share the machine), shows a live line, then the table, bench.json and bench.html.
/// </summary>
internal static class BenchSession
{
    public static async Task<int> RunAsync(BenchSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var directory = settings.ReportDirectory ?? Path.Combine("reports", "bench-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var document = new BenchDocument
        {
            Tool = ToolInfo.Current,
            StartedAt = DateTimeOffset.Now,
            Machine = new BenchMachine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription),
            Results = [],
        };
        var earlier = new List<BenchResult>();
        foreach (var file in settings.CompareFiles)
        {
            try
            {
                earlier.AddRange(BenchJson.Read(file).Results);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
            {
                await error.WriteLineAsync($"wsconform bench: cannot read {file}: {exception.Message}");
                return ExitCodes.UsageError;
            }
        }

        TargetProcess? embedded = null;
        IReadOnlyList<BenchTarget> targets = [.. settings.Targets, .. settings.CompareTargets];
        if (settings.Targets.Count == 0)
        {
            // Its own process, as the network fuzzer supervises it, so its CPU is not counted as the load generator's;
            // `exec` makes the shell's process id the server's, for its CPU per echo.
            var port = TargetProcess.FreePort();
            var url = new Uri($"ws://127.0.0.1:{port}/");
            try
            {
                embedded = await TargetProcess.StartAsync("exec " + SelfCommand.ServeOnPort(), port, new Dictionary<string, string>(), new CaseRunner(new RunOptions { Target = url }), TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TargetStartException exception)
            {
                await error.WriteLineAsync($"wsconform bench: the reference server did not start: {exception.Message}");
                return ExitCodes.TargetUnreachable;
            }

            targets = [new BenchTarget("reference", url) { Pid = embedded.Pid }, .. settings.CompareTargets];
            await output.WriteLineAsync($"No --target given: measuring the reference server (wsconform serve, its own process) at {url}");
        }

        var results = new List<BenchResult>();
        var interrupted = false;
        try
        {
            foreach (var scenario in settings.Scenarios)
            {
                foreach (var target in targets)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        interrupted = true;
                        break;
                    }

                    var result = await MeasureAsync(target, scenario, settings.Client, output, cancellationToken);
                    results.Add(result);
                    await output.WriteLineAsync(BenchTable.Line(result));
                    // Written after every measurement: an interrupted run keeps what it measured.
                    await BenchReportWriter.WriteAsync(document with { Results = [.. earlier, .. results] }, directory);
                }
            }
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }

        interrupted |= cancellationToken.IsCancellationRequested;
        var all = document with { Results = [.. earlier, .. results] };
        if (results.Count == 0)
        {
            // Nothing was measured, so nothing was written yet: the report still says so (and shows --compare files).
            await BenchReportWriter.WriteAsync(all, directory);
        }

        BenchTable.Write(all.Results, output);
        await output.WriteLineAsync($"{results.Count} measurement(s); report: {Path.Combine(directory, "bench.html")}");
        if (results.Any(result => result.WrongEchoes > 0))
        {
            await output.WriteLineAsync("wrong echoes: a server sent back something other than what it was sent (see wrongEchoes)");
            return ExitCodes.CasesFailed;
        }

        if (results.Count > 0 && results.All(result => result.ConnectionsHeld == 0 && result.Messages == 0))
        {
            await error.WriteLineAsync("wsconform bench: no target answered; see errorsByKind in bench.json");
            return ExitCodes.TargetUnreachable;
        }

        return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private static async Task<BenchResult> MeasureAsync(BenchTarget target, BenchScenario scenario, BenchClientOptions client, TextWriter output, CancellationToken cancellationToken)
    {
        var live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && ReferenceEquals(output, Console.Out);
        if (!live)
        {
            await output.WriteLineAsync($"{target.Name} ({target.Url}): {scenario.Label} ...");
            return await RunAsync(target, scenario, client, null, cancellationToken);
        }

        BenchResult? result = null;
        await AnsiConsole.Status().StartAsync($"{Spectre.Console.Markup.Escape(target.Name)}: {Spectre.Console.Markup.Escape(scenario.Label)}", async context =>
        {
            result = await RunAsync(target, scenario, client, progress => context.Status(Spectre.Console.Markup.Escape(BenchTable.LiveLine(progress))), cancellationToken);
        });
        return result!;
    }

    private static Task<BenchResult> RunAsync(BenchTarget target, BenchScenario scenario, BenchClientOptions client, Action<BenchProgress>? progress, CancellationToken cancellationToken) =>
        scenario.Mode == BenchMode.Hold
            ? HoldLoad.RunAsync(target, scenario, client, progress, cancellationToken)
            : EchoLoad.RunAsync(target, scenario, client, progress, cancellationToken);
}
