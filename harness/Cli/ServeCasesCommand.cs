using System.CommandLine;
using Conformance.Harness.Reporting.Gating;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform serve-cases</c>: listens, and tests the WebSocket clients that connect (Autobahn's fuzzingserver protocol).</summary>
public static class ServeCasesCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Where clients connect: ws://, wss:// or ws+unix:// on loopback (default ws://127.0.0.1:9001/, or the url of --autobahn-spec)" };
        var cert = new Option<string?>("--cert") { Description = "PEM certificate for wss (default: a self-signed one for localhost)" };
        var key = new Option<string?>("--key") { Description = "PEM private key of --cert" };
        var autobahnSpec = new Option<string?>("--autobahn-spec") { Description = "Autobahn fuzzingserver.json: its url, outdir, cases, exclude-cases and exclude-agent-cases" };
        var casesDir = new Option<string?>("--cases-dir") { Description = "Folder of case files (default: cases/ above the current folder, else the one shipped with wsconform)" };
        var include = new Option<string[]>("--cases") { Description = "Serve only cases whose id or Autobahn id matches (glob with *, repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip cases whose id or Autobahn id matches (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var timeout = DurationOption.Create("--timeout", "Hard cap per case", TimeSpan.FromSeconds(30));
        var handshakeTimeout = DurationOption.Create("--handshake-timeout", "How long a client has to send its opening handshake request", TimeSpan.FromSeconds(10));
        var closeTimeout = DurationOption.Create("--close-timeout", "How long a client has to answer the harness's close frame (RFC 6455 5.5.1)", TimeSpan.FromSeconds(1));
        var maxMessage = new Option<long>("--max-message-size") { Description = "The client's declared message size limit in bytes; larger cases then expect 1009 (0 = unknown)" };
        var reportDir = new Option<string?>("--report-dir") { Description = "Where /updateReports and the end of the run write results.json, index.html, junit.xml and summary.md (default reports/clients-<timestamp>/)" };
        var failOn = new Option<string>("--fail-on") { Description = "Which verdicts make the exit code 1: 'failed' or 'non-strict'", DefaultValueFactory = _ => "failed" };
        failOn.AcceptOnlyFromAmong("failed", "non-strict");
        var baseline = new Option<string?>("--baseline") { Description = "Baseline file of accepted FAILED/NON-STRICT verdicts" };
        var exec = new Option<string?>("--exec") { Description = "Run this shell command as the client under test (the base URL is in WSCONFORM_URL), stop when it exits, and exit with the gate's code" };
        var duration = DurationOption.Create("--duration", "With --exec, how long the command may run (then it is stopped); without, how long to serve (default: until /stopServer or Ctrl-C)", TimeSpan.Zero);
        var command = new Command("serve-cases", "Listen and test the WebSocket clients that connect: Autobahn's fuzzingserver protocol (/getCaseCount, /runCase?case=N&agent=A, /updateReports?agent=A)");
        foreach (var option in new Option[] { listen, cert, key, autobahnSpec, casesDir, include, exclude, timeout, handshakeTimeout, closeTimeout, maxMessage, reportDir, failOn, baseline, exec, duration })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            Uri? listenUri = null;
            if (parseResult.GetValue(listen) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out listenUri) || listenUri.Scheme is not ("ws" or "wss" or "ws+unix" or "wss+unix")))
            {
                await error.WriteLineAsync($"wsconform serve-cases: --listen '{text}' is not a ws://, wss:// or ws+unix:// URL");
                return ExitCodes.UsageError;
            }

            if ((parseResult.GetValue(cert) is null) != (parseResult.GetValue(key) is null))
            {
                await error.WriteLineAsync("wsconform serve-cases: --cert and --key go together");
                return ExitCodes.UsageError;
            }

            var settings = new ServeCasesSettings
            {
                Listen = listenUri,
                CertificatePem = parseResult.GetValue(cert),
                KeyPem = parseResult.GetValue(key),
                AutobahnSpec = parseResult.GetValue(autobahnSpec),
                CasesDirectory = parseResult.GetValue(casesDir),
                Include = parseResult.GetValue(include) ?? [],
                Exclude = parseResult.GetValue(exclude) ?? [],
                CaseTimeout = Max(parseResult.GetValue(timeout), TimeSpan.FromSeconds(1)),
                HandshakeTimeout = Max(parseResult.GetValue(handshakeTimeout), TimeSpan.FromMilliseconds(100)),
                CloseTimeout = Max(parseResult.GetValue(closeTimeout), TimeSpan.FromMilliseconds(10)),
                MaxMessageSize = parseResult.GetValue(maxMessage),
                ReportDirectory = parseResult.GetValue(reportDir),
                FailOn = parseResult.GetValue(failOn) == "non-strict" ? FailOn.NonStrict : FailOn.Failed,
                Baseline = parseResult.GetValue(baseline),
                Exec = parseResult.GetValue(exec),
                Duration = parseResult.GetValue(duration) is { } d && d > TimeSpan.Zero ? d : null,
            };
            return await ServeCasesSession.ExecuteAsync(settings, parseResult.InvocationConfiguration.Output, error, cancellationToken);
        });
        return command;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
