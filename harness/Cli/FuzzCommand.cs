using System.CommandLine;
using System.Globalization;
using Conformance.Fuzz.Seeds;
using Conformance.Harness.Fuzzing;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform fuzz --mode property</c>: property-based testing of a live server, findings written as case files.</summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var mode = new Option<string>("--mode") { Description = "property: generated exchanges against a server, checked against the reference model, failures shrunk to case files; coverage: AFL++ over a reference parser; network: mutated inputs against a live, supervised server, hunting crashes, hangs, leaks and stuck connections", DefaultValueFactory = _ => "property" };
        mode.AcceptOnlyFromAmong("property", "coverage", "network");
        var target = new Option<string?>("--target") { Description = "property, network: the server (ws://, wss://, ws+unix://; {port} is a free port per worker, given to --exec too; the reference server when absent); coverage: a target (frames, handshake-request, handshake-response, utf8, close-payload, connection, inflate)" };
        var jobs = new Option<int>("--jobs") { Description = "coverage: AFL++ instances (one main, the rest secondaries over one sync folder); network: workers, each with its own server", DefaultValueFactory = _ => 1 };
        var exec = new Option<string?>("--exec") { Description = "network: the command that starts the server under test, {port} replaced (and WSCONFORM_PORT set); it is watched for exits, hangs and memory, and restarted after each finding" };
        var leakMb = new Option<int>("--leak-mb") { Description = "network: resident memory growth of the server (MB over its size after warm-up) that is a leak; 0 turns the check off", DefaultValueFactory = _ => 256 };
        var answerWithin = DurationOption.Create("--answer-within", "network: a fresh handshake and ping must be answered within this after every test, else the server hangs", TimeSpan.FromSeconds(2));
        var coverage = new Option<bool>("--coverage") { Description = "network: the server is a .NET program with an assembly instrumented by `wsconform fuzz instrument`: read its edge map after every test, keep inputs that reach new code" };
        var feedback = new Option<string>("--feedback") { Description = "network: what makes a test worth keeping: edges (the default with --coverage), answers (a new kind of answer; the default without), none (mutate the seeds only: a baseline)", DefaultValueFactory = _ => "auto" };
        feedback.AcceptOnlyFromAmong("auto", "edges", "answers", "none");
        var syncDir = new Option<string?>("--sync-dir") { Description = "network: the AFL++-layout sync folder for corpus and findings (default REPORT_DIR/sync); campaigns on several machines, and coverage mode's AFL++ out/ folder, can share one" };
        var maxFindings = new Option<int>("--max-findings") { Description = "network: stop once this many distinct findings are written (0: no limit)" };
        var replay = new Option<string?>("--replay") { Description = "network: replay finding files (a file or a findings/ folder) against fresh starts of --exec; exit 1 while any still reproduces" };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the generated tests (printed at the start; the same seed runs the same tests)" };
        var maxTests = new Option<int>("--max-tests") { Description = "Tests to run at most (property: 1000 by default; network: --duration bounds it)", DefaultValueFactory = _ => 1000 };
        var duration = DurationOption.Create("--duration", "How long to run at most", TimeSpan.FromMinutes(2));
        var parallel = new Option<int>("--parallel") { Description = "Connections at once", DefaultValueFactory = _ => 4 };
        var reportDir = new Option<string?>("--report-dir") { Description = "Where findings/<id>.yaml go (default reports/fuzz-<timestamp>/)" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (wss)" };
        var dictionary = new Option<string[]>("--dictionary") { Description = "network: AFL-format dictionary file(s) (-x): your protocol's tokens, spliced into payloads alongside RFC 6455's", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("fuzz", "Fuzz a WebSocket server: generated exchanges, a model of the RFC as the oracle, findings shrunk to replayable case files");
        foreach (var option in new Option[] { mode, target, seed, maxTests, duration, parallel, reportDir, insecure, jobs, exec, leakMb, answerWithin, coverage, feedback, syncDir, replay, maxFindings, dictionary })
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

            if (parseResult.GetValue(mode) == "network")
            {
                var tokens = new List<byte[]>();
                try
                {
                    foreach (var file in parseResult.GetValue(dictionary) ?? [])
                    {
                        tokens.AddRange(AflDictionaryFile.Load(file));
                    }
                }
                catch (Exception exception) when (exception is DictionaryFileException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"wsconform fuzz: {exception.Message}");
                    return ExitCodes.UsageError;
                }

                var folder = Path.GetFullPath(parseResult.GetValue(reportDir) ?? Path.Combine("reports", "network-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
                var command = parseResult.GetValue(exec);
                var address = parseResult.GetValue(target);
                if (address is null && command is null)
                {
                    // No target: the reference server, supervised like any other (`wsconform serve` in a child process).
                    command = SelfCommand.ServeOnPort();
                }

                // A started server listens where its command says: by default the free port each worker gets.
                address ??= command is null ? null : "ws://127.0.0.1:{port}/";
                if (command is not null && parseResult.GetValue(jobs) > 1 && address?.Contains("{port}", StringComparison.Ordinal) != true)
                {
                    await error.WriteLineAsync("wsconform fuzz --mode network: --jobs with --exec needs {port} in --target (each worker starts its own server on its own port)");
                    return ExitCodes.UsageError;
                }

                if (address is null || !Uri.TryCreate(address.Replace("{port}", "1", StringComparison.Ordinal), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("ws" or "wss"))
                {
                    await error.WriteLineAsync($"wsconform fuzz --mode network: --target '{address}' is not a ws:// or wss:// URL (with --exec, write the port as {{port}}: ws://127.0.0.1:{{port}}/)");
                    return ExitCodes.UsageError;
                }

                var options = new Fuzzing.Network.NetworkCampaignOptions
                {
                    Target = address,
                    Exec = command,
                    Run = new RunOptions { Target = parsed, InsecureTls = parseResult.GetValue(insecure) },
                    Seed = parseResult.GetValue(seed) ?? (ulong)Random.Shared.NextInt64(),
                    // A network campaign is bounded by its duration unless --max-tests is given.
                    MaxTests = parseResult.GetResult(maxTests) is { Implicit: false } ? Math.Max(1, parseResult.GetValue(maxTests)) : int.MaxValue,
                    Duration = Max(parseResult.GetValue(duration), TimeSpan.FromSeconds(1)),
                    Jobs = Math.Max(1, parseResult.GetValue(jobs)),
                    MaxFindings = Math.Max(0, parseResult.GetValue(maxFindings)),
                    AnswerWithin = Max(parseResult.GetValue(answerWithin), TimeSpan.FromMilliseconds(200)),
                    LeakBytes = Math.Max(0, parseResult.GetValue(leakMb)) * 1024L * 1024,
                    Coverage = parseResult.GetValue(coverage),
                    Feedback = Enum.Parse<Fuzzing.Network.NetworkFeedback>(parseResult.GetValue(feedback)!, ignoreCase: true),
                    Directory = folder,
                    SyncDirectory = parseResult.GetValue(syncDir) is { } sync ? Path.GetFullPath(sync) : null,
                    Tokens = tokens,
                };
                return parseResult.GetValue(replay) is { } findings
                    ? await NetworkFuzzCommand.ReplayAsync(findings, options, output, error, cancellationToken)
                    : await NetworkFuzzCommand.RunAsync(options, output, error, cancellationToken);
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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Runs a property campaign; exit 0 without findings, 1 with, 3 when the target is unreachable, 130 when interrupted.</summary>

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
