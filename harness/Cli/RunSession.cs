using System.Net.Sockets;
using System.Security.Authentication;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting;
using Conformance.Harness.Reporting.Gating;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Cli;

/// <summary>
/// One <c>wsconform run</c>: loads the cases, starts the embedded reference server when no target is given, checks
/// each target answers, runs the catalogue against it, keeps results.json current, and prints the summary.
/// </summary>
public static class RunSession
{
    public static async Task<int> ExecuteAsync(RunSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AutobahnSpec? spec;
        IReadOnlyList<CaseDefinition> cases;
        Baseline? baseline;
        try
        {
            spec = settings.AutobahnSpec is { } specFile ? AutobahnSpecReader.Read(specFile) : null;
            baseline = settings.Baseline is { } baselineFile ? BaselineFile.Read(baselineFile) : null;
            cases = await SelectCasesAsync(settings, spec, error);
        }
        catch (Exception exception) when (exception is CatalogueException or AutobahnSpecException or BaselineFileException)
        {
            await error.WriteLineAsync($"wsconform run: {exception.Message}");
            return ExitCodes.UsageError;
        }

        if (cases.Count == 0)
        {
            await error.WriteLineAsync(spec is null ? "wsconform run: no case matches --cases/--exclude" : $"wsconform run: no case matches {spec.File} and --cases/--exclude");
            return ExitCodes.UsageError;
        }

        var directory = settings.ReportDirectory ?? spec?.OutDir ?? Path.Combine("reports", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var resultsFile = new ResultsFile(Path.Combine(directory, "results.json"));
        var run = new RunResults(Tool, DateTimeOffset.Now);
        ReferenceServer? embedded = null;
        try
        {
            List<RunTarget> targets = [.. (spec?.Servers ?? []).Select(s => new RunTarget(s.Url, s.Agent)), .. settings.Targets.Select(url => new RunTarget(url))];
            if (targets.Count == 0)
            {
                embedded = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, cancellationToken);
                await output.WriteLineAsync($"No --target given: testing the embedded reference server at {embedded.Endpoint}");
                targets = [new RunTarget(embedded.Endpoint)];
            }

            var serverHeaders = new Dictionary<RunTarget, string?>();
            foreach (var target in targets)
            {
                var (unreachable, server) = await ProbeAsync(target.Url, settings, error, cancellationToken);
                if (unreachable is not null)
                {
                    await error.WriteLineAsync($"wsconform run: target {target.Url} is unreachable: {unreachable}");
                    return ExitCodes.TargetUnreachable;
                }

                serverHeaders[target] = server;
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var byId = cases.ToDictionary(c => c.Id);
            foreach (var target in targets)
            {
                // Autobahn matches exclude-agent-cases against the agent name, else the Server header, else "UnknownServer".
                var agent = target.Agent ?? serverHeaders[target] ?? "UnknownServer";
                var targetCases = spec is null ? cases : [.. cases.Where(c => !spec.ExcludesFor(agent, c))];
                var runner = new CatalogueRunner(ToRunOptions(target.Url, settings), settings.Parallel);
                var targetResults = run.AddTarget(target.Url.ToString(), target.Agent ?? serverHeaders[target]);
                await RunProgressDisplay.RunAsync(target.Agent is null ? target.Url.ToString() : $"{target.Agent} {target.Url}", targetCases.Count, output, async report =>
                {
                    await foreach (var result in runner.RunAsync(targetCases, cancellationToken))
                    {
                        var definition = byId[result.Id];
                        targetResults.Add(ResultsMapper.ToRecord(definition, result));
                        resultsFile.Update(() => run.ToDocument(complete: false));
                        report(result);
                    }
                });
                targetResults.SortById(cases);
            }

            var complete = !cancellationToken.IsCancellationRequested;
            var document = run.ToDocument(complete);
            resultsFile.Write(document);
            var gate = Gate.Evaluate(document, settings.FailOn, baseline);
            await ReportSet.WriteAsync([document], directory, gate);
            RunSummary.Print(document, started.Elapsed, Path.Combine(directory, ReportSet.HtmlFile), output);
            await output.WriteAsync(GateText.Render(gate));

            if (!complete)
            {
                return ExitCodes.Interrupted;
            }

            if (settings.WriteBaseline is { } baselinePath)
            {
                var written = Baseline.FromResults(document);
                BaselineFile.Write(written, baselinePath);
                await output.WriteLineAsync($"baseline: {written.Entries.Count} accepted FAILED/NON-STRICT verdicts written to {baselinePath}");
                return ExitCodes.Success;
            }

            return gate.Passed ? ExitCodes.Success : ExitCodes.CasesFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted while starting (the embedded server, the probes): keep an empty, incomplete results.json.
            resultsFile.Write(run.ToDocument(complete: false));
            await output.WriteLineAsync($"wsconform run: interrupted before the cases started; results: {resultsFile.Path}");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }
    }

    /// <summary>The catalogue, narrowed by the spec (whose warnings are printed first), then by --cases/--exclude.</summary>
    private static async Task<IReadOnlyList<CaseDefinition>> SelectCasesAsync(RunSettings settings, AutobahnSpec? spec, TextWriter error)
    {
        // run tests servers; cases only a client can fail belong to serve-cases.
        IReadOnlyList<CaseDefinition> catalogue = [.. CatalogueSource.Load(settings.CasesDirectory, [], []).Where(c => c.Roles.HasFlag(CaseRoles.Server))];
        if (spec is not null)
        {
            foreach (var warning in AutobahnSpecWarnings.For(spec, catalogue))
            {
                await error.WriteLineAsync($"wsconform run: warning: {warning}");
            }

            catalogue = [.. catalogue.Where(spec.Selects)];
        }

        return [.. new CaseFilter(settings.Include, settings.Exclude).Apply(catalogue)];
    }

    private static ToolInfo Tool => ToolInfo.Current;

    private static RunOptions ToRunOptions(Uri target, RunSettings settings) => new()
    {
        Target = target,
        ExtraHeaders = settings.Headers,
        Subprotocols = settings.Subprotocols,
        Origin = settings.Origin,
        InsecureTls = settings.Insecure,
        CaFile = settings.CaFile,
        CaseTimeout = settings.CaseTimeout,
        MaxMessageSize = settings.MaxMessageSize,
        OpenHandshakeTimeout = settings.HandshakeTimeout,
        CloseHandshakeTimeout = settings.CloseTimeout,
        ServerDropTimeout = settings.CloseTimeout,
    };

    /// <summary>One plain WebSocket connection and close: why the target did not answer (null when it did), and its Server header.</summary>
    private static async Task<(string? Problem, string? Server)> ProbeAsync(Uri target, RunSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new WebSocketClientOptions
        {
            ConnectTimeout = settings.HandshakeTimeout,
            AllowUntrustedCertificate = settings.Insecure,
            CaCertificatePemPath = settings.CaFile,
            Subprotocols = settings.Subprotocols,
            Origin = settings.Origin,
            ExtraHeaders = [.. settings.Headers.Select(h => new HttpHeaderField(h.Key, h.Value))],
        };
        try
        {
            await using var client = await WebSocketClient.ConnectAsync(target, options, cancellationToken);
            await client.CloseAsync(CloseCode.NormalClosure, "wsconform probe", cancellationToken);
            return (null, client.Response.Headers.GetCombined("Server"));
        }
        catch (WebSocketHandshakeException exception) when (exception.StatusCode is not null)
        {
            // It answered, and the answer breaks RFC 6455 4.1 (a wrong Sec-WebSocket-Accept, say): reachable and broken.
            // The cases run, and each says why it fails.
            await error.WriteLineAsync($"wsconform run: warning: {target} answered the opening handshake, but {exception.Message}; the cases run and will say so");
            return (null, null);
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException or AuthenticationException
            or WebSocketHandshakeException or ArgumentException or InvalidOperationException)
        {
            return (exception.Message, null);
        }
    }
}
