using System.Diagnostics;
using System.Net.Sockets;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting;
using Conformance.Harness.Reporting.Gating;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.Harness.Serving;

namespace Conformance.Harness.Cli;

/// <summary>
/// One <c>wsconform serve-cases</c>: selects the cases that test clients, listens, runs a case for every
/// <c>/runCase</c>, writes the reports on each <c>/updateReports</c> and at the end, and exits with the gate's code.
/// With <c>--exec</c> it starts the client under test itself and stops when that command exits.
/// </summary>
public static class ServeCasesSession
{
    private const string DefaultListen = "ws://127.0.0.1:9001/";

    public static async Task<int> ExecuteAsync(ServeCasesSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AutobahnSpec? spec;
        Baseline? baseline;
        ServedCases cases;
        try
        {
            spec = settings.AutobahnSpec is { } specFile ? AutobahnSpecReader.Read(specFile) : null;
            baseline = settings.Baseline is { } baselineFile ? BaselineFile.Read(baselineFile) : null;
            cases = new ServedCases(Select(settings, spec));
        }
        catch (Exception exception) when (exception is CatalogueException or AutobahnSpecException or BaselineFileException)
        {
            await error.WriteLineAsync($"wsconform serve-cases: {exception.Message}");
            return ExitCodes.UsageError;
        }

        if (cases.List.Count == 0)
        {
            await error.WriteLineAsync("wsconform serve-cases: no case for clients matches --cases/--exclude");
            return ExitCodes.UsageError;
        }

        var directory = settings.ReportDirectory ?? spec?.OutDir ?? Path.Combine("reports", "clients-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var listen = settings.Listen ?? spec?.Url ?? new Uri(DefaultListen);
        var resultsFile = new ResultsFile(Path.Combine(directory, "results.json"));
        var started = Stopwatch.StartNew();
        var results = new AgentResults(cases, listen.ToString(), Tool, DateTimeOffset.Now);
        var writing = new SemaphoreSlim(1);
        async Task WriteReportsAsync(bool complete)
        {
            await writing.WaitAsync(CancellationToken.None);
            try
            {
                var document = results.ToDocument(complete);
                resultsFile.Write(document);
                await ReportSet.WriteAsync([document], directory, Gate.Evaluate(document, settings.FailOn, baseline));
            }
            finally
            {
                writing.Release();
            }
        }

        var options = new CaseServerOptions
        {
            Listen = listen,
            CertificatePemPath = settings.CertificatePem ?? spec?.Cert,
            KeyPemPath = settings.KeyPem ?? spec?.Key,
            Excludes = spec is null ? null : (agent, definition) => spec.ExcludesFor(agent, definition),
            ServerHeader = $"wsconform/{Tool.Version}",
            Run = new RunOptions
            {
                Target = listen,
                CaseTimeout = settings.CaseTimeout,
                OpenHandshakeTimeout = settings.HandshakeTimeout,
                CloseHandshakeTimeout = settings.CloseTimeout,
                ServerDropTimeout = settings.CloseTimeout,
                MaxMessageSize = settings.MaxMessageSize,
            },
        };
        CaseServer server;
        try
        {
            server = CaseServer.Start(options, cases, results, async (agent, _) => await WriteReportsAsync(complete: false));
        }
        catch (Exception exception) when (exception is ArgumentException or SocketException or IOException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"wsconform serve-cases: cannot listen on {listen}: {exception.Message}");
            return ExitCodes.UsageError;
        }

        var baseUrl = server.BaseUrl;
        results.Url = server.Endpoint.ToString();
        var lines = new Lock();
        server.CaseFinished += (agent, definition, result) =>
        {
            lock (lines)
            {
                output.WriteLine($"{agent}: {cases.NumberOf(definition)}/{cases.List.Count} {definition.Id}{(definition.Autobahn is null ? "" : $" ({definition.Autobahn})")}: {result.Verdict.ToAutobahn()}");
            }
        };
        await output.WriteLineAsync($"wsconform serve-cases: {cases.List.Count} cases for clients at {baseUrl}");
        await output.WriteLineAsync($"  a driver reads {baseUrl}/getCaseCount, runs {baseUrl}/runCase?case=N&agent=NAME for N = 1..{cases.List.Count}, then {baseUrl}/updateReports?agent=NAME");
        var exitCode = ExitCodes.Success;
        var stoppedBy = "";
        await using (server)
        {
            try
            {
                (stoppedBy, exitCode) = settings.Exec is { } command
                    ? await RunClientAsync(command, baseUrl, settings.Duration ?? TimeSpan.FromMinutes(30), server, output, error, cancellationToken)
                    : (await WaitForStopAsync(server, settings.Duration, cancellationToken), ExitCodes.Success);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stoppedBy = "interrupted";
            }
        }

        await WriteReportsAsync(complete: !cancellationToken.IsCancellationRequested);
        var document = results.ToDocument(!cancellationToken.IsCancellationRequested);
        await output.WriteLineAsync($"stopped: {stoppedBy}");
        RunSummary.Print(document, started.Elapsed, Path.Combine(directory, ReportSet.HtmlFile), output);
        var gate = Gate.Evaluate(document, settings.FailOn, baseline);
        await output.WriteAsync(GateText.Render(gate));
        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        if (exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        if (settings.Exec is not null && !AllRan(document, cases, spec, out var missing))
        {
            await error.WriteLineAsync($"wsconform serve-cases: {missing}");
            return ExitCodes.CasesFailed;
        }

        return gate.Passed ? ExitCodes.Success : ExitCodes.CasesFailed;
    }

    /// <summary>The client cases of the catalogue, narrowed by the spec, then by --cases/--exclude.</summary>
    private static IReadOnlyList<CaseDefinition> Select(ServeCasesSettings settings, AutobahnSpec? spec)
    {
        var catalogue = CatalogueSource.Load(settings.CasesDirectory, [], []).Where(c => c.Roles.HasFlag(CaseRoles.Client));
        if (spec is not null)
        {
            catalogue = catalogue.Where(spec.Selects);
        }

        return [.. new CaseFilter(settings.Include, settings.Exclude).Apply([.. catalogue])];
    }

    /// <summary>Starts the client under test and waits for it (or the deadline, or a driver's stop request).</summary>
    private static async Task<(string StoppedBy, int ExitCode)> RunClientAsync(string command, string baseUrl, TimeSpan deadline, CaseServer server, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["WSCONFORM_URL"] = baseUrl;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        await output.WriteLineAsync($"started the client under test: {command} (WSCONFORM_URL={baseUrl})");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(deadline);
        var exited = process.WaitForExitAsync(limit.Token);
        await Task.WhenAny(exited, server.StopRequested, Task.Delay(Timeout.Infinite, limit.Token));
        if (!process.HasExited)
        {
            // A driver that asked the server to stop gets a moment to exit by itself.
            try
            {
                await process.WaitForExitAsync(limit.Token).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                await error.WriteLineAsync($"wsconform serve-cases: the client under test was stopped after {deadline.TotalSeconds:0} s");
                return ($"the --duration of {deadline.TotalSeconds:0} s passed", ExitCodes.CasesFailed);
            }
        }

        if (process.ExitCode != 0)
        {
            await error.WriteLineAsync($"wsconform serve-cases: the client under test exited with {process.ExitCode}");
            return ($"the client under test exited with {process.ExitCode}", ExitCodes.CasesFailed);
        }

        return ("the client under test exited", ExitCodes.Success);
    }

    private static async Task<string> WaitForStopAsync(CaseServer server, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var limit = duration is { } d ? Task.Delay(d, cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(server.StopRequested, limit);
        cancellationToken.ThrowIfCancellationRequested();
        return first == server.StopRequested ? $"a driver asked: {server.StopRequested.Result}" : $"the --duration of {duration!.Value.TotalSeconds:0} s passed";
    }

    /// <summary>Every agent that connected ran every case it was given (a driver that stopped halfway fails the run).</summary>
    private static bool AllRan(ResultsDocument document, ServedCases cases, AutobahnSpec? spec, out string problem)
    {
        if (document.Targets.Count == 0)
        {
            problem = "no client ran a case";
            return false;
        }

        foreach (var target in document.Targets)
        {
            var expected = cases.List.Count(c => spec?.ExcludesFor(target.Label, c) != true);
            if (target.Cases.Count < expected)
            {
                problem = $"{target.Label} ran {target.Cases.Count} of its {expected} cases";
                return false;
            }
        }

        problem = "";
        return true;
    }

    private static ToolInfo Tool => ToolInfo.Current;
}
