using System.CommandLine;
using System.Globalization;
using Conformance.Harness.Fuzzing;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform fuzz --mode property</c>: property-based testing of a live server, findings written as case files.</summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var mode = new Option<string>("--mode") { Description = "property: generated exchanges against a server, checked against the reference model, failures shrunk to case files; coverage: AFL++ over a reference parser", DefaultValueFactory = _ => "property" };
        mode.AcceptOnlyFromAmong("property", "coverage");
        var target = new Option<string?>("--target") { Description = "property: the server (ws://, wss://, ws+unix://; the embedded reference server when absent); coverage: a target (frames, handshake-request, handshake-response, utf8, close-payload, connection, inflate)" };
        var jobs = new Option<int>("--jobs") { Description = "coverage: AFL++ instances (one main, the rest secondaries over one sync folder)", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the generated tests (printed at the start; the same seed runs the same tests)" };
        var maxTests = new Option<int>("--max-tests") { Description = "Tests to run at most", DefaultValueFactory = _ => 1000 };
        var duration = DurationOption.Create("--duration", "How long to run at most", TimeSpan.FromMinutes(2));
        var parallel = new Option<int>("--parallel") { Description = "Connections at once", DefaultValueFactory = _ => 4 };
        var reportDir = new Option<string?>("--report-dir") { Description = "Where findings/<id>.yaml go (default reports/fuzz-<timestamp>/)" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (wss)" };
        var command = new Command("fuzz", "Fuzz a WebSocket server: generated exchanges, a model of the RFC as the oracle, findings shrunk to replayable case files");
        foreach (var option in new Option[] { mode, target, seed, maxTests, duration, parallel, reportDir, insecure, jobs })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(mode) == "coverage")
            {
                var work = parseResult.GetValue(reportDir) ?? Path.Combine("reports", "afl-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
                return await CoverageFuzzCommand.RunAsync(parseResult.GetValue(target) ?? "frames", Max(parseResult.GetValue(duration), TimeSpan.FromSeconds(5)), parseResult.GetValue(jobs), Path.GetFullPath(work), output, error, cancellationToken);
            }

            Uri? url = null;
            if (parseResult.GetValue(target) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("ws" or "wss" or "ws+unix" or "wss+unix")))
            {
                await error.WriteLineAsync($"wsconform fuzz: --target '{text}' is not a ws://, wss:// or ws+unix:// URL");
                return ExitCodes.UsageError;
            }

            var directory = parseResult.GetValue(reportDir) ?? Path.Combine("reports", "fuzz-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            return await RunPropertyAsync(url, parseResult.GetValue(seed) ?? (ulong)Random.Shared.NextInt64(), parseResult.GetValue(maxTests), Max(parseResult.GetValue(duration), TimeSpan.FromSeconds(1)), parseResult.GetValue(parallel), directory, parseResult.GetValue(insecure), output, cancellationToken);
        });
        command.Subcommands.Add(CreateInstrument());
        return command;
    }

    private static Command CreateInstrument()
    {
        var assembly = new Argument<string>("assembly") { Description = "The .NET assembly to instrument for AFL++ edge coverage" };
        var include = new Option<string[]>("--include") { Description = "Instrument only types whose namespace starts with this prefix (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var outputPath = new Option<string?>("--output") { Description = "Where to write the instrumented assembly (default: in place)" };
        var command = new Command("instrument", "Rewrite a .NET assembly (Mono.Cecil) to record AFL edge coverage");
        command.Arguments.Add(assembly);
        command.Options.Add(include);
        command.Options.Add(outputPath);
        command.SetAction(async (parseResult, _) => await CoverageFuzzCommand.InstrumentAsync(
            parseResult.GetValue(assembly)!, parseResult.GetValue(outputPath), parseResult.GetValue(include) ?? [], parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs a property campaign; exit 0 without findings, 1 with, 3 when the target is unreachable, 130 when interrupted.</summary>
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static async Task<int> RunPropertyAsync(Uri? target, ulong seed, int maxTests, TimeSpan duration, int parallel, string directory, bool insecure, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReferenceServer? embedded = null;
        try
        {
            if (target is null)
            {
                embedded = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, cancellationToken);
                target = embedded.Endpoint;
                await output.WriteLineAsync($"No --target given: fuzzing the embedded reference server at {target}");
            }

            var findings = Path.Combine(directory, "findings");
            await output.WriteLineAsync($"wsconform fuzz --mode property --seed {seed}: up to {maxTests} tests or {duration.TotalSeconds:0} s on {parallel} connections against {target}");
            var campaign = new PropertyCampaign(new PropertyCampaignOptions
            {
                Run = new RunOptions { Target = target, InsecureTls = insecure, CaseTimeout = TimeSpan.FromSeconds(10) },
                Seed = seed,
                MaxTests = Math.Max(1, maxTests),
                Duration = duration,
                Parallel = Math.Max(1, parallel),
                FindingsDirectory = findings,
            });
            var lastReport = TimeSpan.Zero;
            var progress = new SynchronousProgress<PropertyCampaignProgress>(p =>
            {
                if (p.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = p.Elapsed;
                    output.WriteLine($"  {p.Tests} tests, {p.ShrinkSteps} shrink steps, {p.Findings} findings ({p.Elapsed.TotalSeconds:0} s)");
                }
            });
            var result = await campaign.RunAsync(progress, cancellationToken);
            var rate = result.Tests / Math.Max(0.001, result.Elapsed.TotalSeconds);
            await output.WriteLineAsync($"{result.Tests} tests in {result.Elapsed.TotalSeconds:0.0} s ({rate:0} tests/s), {result.ShrinkSteps} shrink steps, {result.Findings.Count} distinct findings{(result.StoppedByDuration ? " (stopped at --duration)" : string.Empty)}");
            foreach (var finding in result.Findings)
            {
                await output.WriteLineAsync($"  finding: {finding.Rule}");
                await output.WriteLineAsync($"    {finding.Shrunk.Result.Reason.Split('\n')[0]}");
                await output.WriteLineAsync($"    shrunk from {finding.OriginalFrames} to {finding.Shrunk.Exchange.Frames.Count} frames: {finding.Path}");
            }

            if (result.Findings.Count > 0)
            {
                await output.WriteLineAsync($"replay: wsconform run --target {target} --cases-dir {findings}");
            }

            if (result.Unreachable is { } unreachable)
            {
                await output.WriteLineAsync($"wsconform fuzz: {unreachable}");
                return ExitCodes.TargetUnreachable;
            }

            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : result.Findings.Count > 0 ? ExitCodes.CasesFailed : ExitCodes.Success;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _lock = new();

        public void Report(T value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
