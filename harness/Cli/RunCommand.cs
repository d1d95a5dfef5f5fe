using System.CommandLine;
using Conformance.Harness.Reporting.Gating;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform run</c>: runs the case catalogue against one or more servers and writes results.json.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--target") { Description = "Server to test: ws://, wss:// or ws+unix:// URL (repeatable; with none here or in --autobahn-spec, the embedded reference server)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var autobahnSpec = new Option<string?>("--autobahn-spec") { Description = "Autobahn fuzzingclient.json to run: its servers become targets (named by agent), its cases/exclude-cases/exclude-agent-cases select cases, its outdir is the report folder" };
        var casesDir = new Option<string?>("--cases-dir") { Description = "Folder of case files (default: cases/ above the current folder, else the one shipped with wsconform)" };
        var include = new Option<string[]>("--cases") { Description = "Run only cases whose id or Autobahn id matches (glob with *, repeatable), e.g. 'framing.*' or '6.4.*'", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip cases whose id or Autobahn id matches (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "Cases run at once, each on its own connection", DefaultValueFactory = _ => 8 };
        var timeout = DurationOption.Create("--timeout", "Hard cap per case (each case also has its own deadline; a case whose pauses need more gets more)", TimeSpan.FromSeconds(30));
        var handshakeTimeout = DurationOption.Create("--handshake-timeout", "How long the target has to connect and answer the opening handshake (the RFC sets no time; slow is not unreachable)", TimeSpan.FromSeconds(10));
        var closeTimeout = DurationOption.Create("--close-timeout", "How long the target has to answer the harness's close frame (RFC 6455 5.5.1), and to close TCP after the closing handshake (7.1.1)", TimeSpan.FromSeconds(1));
        var reportDir = new Option<string?>("--report-dir") { Description = "Where to write results.json, index.html, junit.xml and summary.md (default reports/<timestamp>/)" };
        var headers = new Option<string[]>("--header") { Description = "Extra handshake header 'Name: value' (repeatable), e.g. for authentication", Arity = ArgumentArity.ZeroOrMore };
        var subprotocols = new Option<string[]>("--subprotocol") { Description = "Subprotocol to offer (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var origin = new Option<string?>("--origin") { Description = "Origin header to send" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (wss)" };
        var ca = new Option<string?>("--ca") { Description = "PEM file of a CA to trust for wss" };
        var maxMessage = new Option<long>("--max-message-size") { Description = "The target's declared message size limit in bytes; larger cases then expect 1009 (0 = unknown)" };

        var failOn = new Option<string>("--fail-on") { Description = "Which verdicts make the run exit 1: 'failed' (FAILED only) or 'non-strict' (NON-STRICT too)", DefaultValueFactory = _ => "failed" };
        failOn.AcceptOnlyFromAmong("failed", "non-strict");
        var baseline = new Option<string?>("--baseline") { Description = "Baseline file of accepted FAILED/NON-STRICT verdicts: known ones do not fail the run, new ones do, fixed ones are listed" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write this run's FAILED and NON-STRICT cases to a baseline file (the run then exits 0 when it completed)" };
        var command = new Command("run", "Run the conformance cases against WebSocket servers (the embedded reference server when no --target is given)");
        foreach (var option in new Option[] { targets, autobahnSpec, casesDir, include, exclude, parallel, timeout, handshakeTimeout, closeTimeout, reportDir, headers, subprotocols, origin, insecure, ca, maxMessage, failOn, baseline, writeBaseline })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (!TryParseTargets(parseResult.GetValue(targets) ?? [], out var uris, out var problem)
                || !TryParseHeaders(parseResult.GetValue(headers) ?? [], out var headerList, out problem))
            {
                await error.WriteLineAsync($"wsconform run: {problem}");
                return ExitCodes.UsageError;
            }

            var settings = new RunSettings
            {
                Targets = uris,
                AutobahnSpec = parseResult.GetValue(autobahnSpec),
                CasesDirectory = parseResult.GetValue(casesDir),
                Include = parseResult.GetValue(include) ?? [],
                Exclude = parseResult.GetValue(exclude) ?? [],
                Parallel = Math.Max(1, parseResult.GetValue(parallel)),
                CaseTimeout = Max(parseResult.GetValue(timeout), TimeSpan.FromSeconds(1)),
                HandshakeTimeout = Max(parseResult.GetValue(handshakeTimeout), TimeSpan.FromMilliseconds(100)),
                CloseTimeout = Max(parseResult.GetValue(closeTimeout), TimeSpan.FromMilliseconds(10)),
                ReportDirectory = parseResult.GetValue(reportDir),
                Headers = headerList,
                Subprotocols = parseResult.GetValue(subprotocols) ?? [],
                Origin = parseResult.GetValue(origin),
                Insecure = parseResult.GetValue(insecure),
                CaFile = parseResult.GetValue(ca),
                MaxMessageSize = parseResult.GetValue(maxMessage),
                FailOn = parseResult.GetValue(failOn) == "non-strict" ? FailOn.NonStrict : FailOn.Failed,
                Baseline = parseResult.GetValue(baseline),
                WriteBaseline = parseResult.GetValue(writeBaseline),
            };
            return await RunSession.ExecuteAsync(settings, parseResult.InvocationConfiguration.Output, error, cancellationToken);
        });
        return command;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static bool TryParseTargets(string[] values, out List<Uri> uris, out string problem)
    {
        uris = [];
        problem = string.Empty;
        foreach (var value in values)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "ws+unix" or "wss+unix"))
            {
                problem = $"--target '{value}' is not a ws://, wss:// or ws+unix:// URL";
                return false;
            }

            uris.Add(uri);
        }

        return true;
    }

    internal static bool TryParseHeaders(string[] values, out List<KeyValuePair<string, string>> headers, out string problem)
    {
        headers = [];
        problem = string.Empty;
        foreach (var value in values)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problem = $"--header '{value}' is not 'Name: value'";
                return false;
            }

            headers.Add(new(value[..colon].Trim(), value[(colon + 1)..].Trim()));
        }

        return true;
    }
}
