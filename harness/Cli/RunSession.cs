using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Handshake;
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
        IReadOnlyList<CaseDefinition> cases;
        try
        {
            cases = CatalogueSource.Load(settings.CasesDirectory, settings.Include, settings.Exclude);
        }
        catch (CatalogueException exception)
        {
            await error.WriteLineAsync($"wsconform run: {exception.Message}");
            return ExitCodes.UsageError;
        }

        if (cases.Count == 0)
        {
            await error.WriteLineAsync("wsconform run: no case matches --cases/--exclude");
            return ExitCodes.UsageError;
        }

        ReferenceServer? embedded = null;
        try
        {
            if (settings.Targets.Count == 0)
            {
                embedded = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, cancellationToken);
                await output.WriteLineAsync($"No --target given: testing the embedded reference server at {embedded.Endpoint}");
            }

            var targets = embedded is null ? settings.Targets : [embedded.Endpoint];
            foreach (var target in targets)
            {
                if (await ProbeAsync(target, settings, cancellationToken) is { } unreachable)
                {
                    await error.WriteLineAsync($"wsconform run: target {target} is unreachable: {unreachable}");
                    return ExitCodes.TargetUnreachable;
                }
            }

            var directory = settings.ReportDirectory ?? Path.Combine("reports", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var resultsFile = new ResultsFile(Path.Combine(directory, "results.json"));
            var run = new RunResults(Tool, DateTimeOffset.Now);
            var started = System.Diagnostics.Stopwatch.StartNew();
            foreach (var target in targets)
            {
                var runner = new CatalogueRunner(ToRunOptions(target, settings), settings.Parallel);
                var byId = cases.ToDictionary(c => c.Id);
                var targetResults = run.AddTarget(target.ToString());
                await RunProgressDisplay.RunAsync(target.ToString(), cases.Count, output, async report =>
                {
                    await foreach (var result in runner.RunAsync(cases, cancellationToken))
                    {
                        var definition = byId[result.Id];
                        targetResults.Agent ??= result.Observation.Response?.Headers.GetCombined("Server");
                        targetResults.Add(ResultsMapper.ToRecord(definition, result));
                        resultsFile.Update(run.ToDocument(complete: false));
                        report(result);
                    }
                });
                targetResults.SortById(cases);
            }

            var complete = !cancellationToken.IsCancellationRequested;
            var document = run.ToDocument(complete);
            resultsFile.Update(document, force: true);
            RunSummary.Print(document, started.Elapsed, resultsFile.Path, output);
            var anyFailed = document.Targets.SelectMany(t => t.Cases).Any(c => c.Verdict == Verdict.Failed.ToAutobahn());
            return anyFailed ? ExitCodes.CasesFailed : ExitCodes.Success;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }
    }

    private static ToolInfo Tool => new(
        "wsconform",
        typeof(RunSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

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
    };

    /// <summary>One plain WebSocket connection and close; null when the target answered, else why not.</summary>
    private static async Task<string?> ProbeAsync(Uri target, RunSettings settings, CancellationToken cancellationToken)
    {
        var options = new WebSocketClientOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowUntrustedCertificate = settings.Insecure,
            CaCertificatePemPath = settings.CaFile,
            Subprotocols = settings.Subprotocols,
            Origin = settings.Origin,
            ExtraHeaders = [.. settings.Headers.Select(h => new HttpHeaderField(h.Key, h.Value))],
        };
        try
        {
            await using var client = await WebSocketClient.ConnectAsync(target, options, cancellationToken);
            await client.CloseAsync(1000, "wsconform probe", cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException or AuthenticationException
            or WebSocketHandshakeException or ArgumentException or InvalidOperationException)
        {
            return exception.Message;
        }
    }
}
