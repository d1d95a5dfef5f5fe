using System.CommandLine;
using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform bench</c>: echo throughput and latency, or connection capacity, of one or more servers.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--target") { Description = "Server to measure: ws://, wss:// or ws+unix:// URL, optionally NAME=URL (repeatable; none = the reference server, started as its own process)", Arity = ArgumentArity.ZeroOrMore };
        var compare = new Option<string[]>("--compare") { Description = "Another server (NAME=URL) or an earlier bench.json to put side by side with this run (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var connections = new Option<string[]>("--connections") { Description = "Echo connections (repeatable or comma-separated: each value is a scenario), default 64", Arity = ArgumentArity.ZeroOrMore };
        var sizes = new Option<string[]>("--size") { Description = "Message payload size: 32, 512B, 64KiB, 1MiB, or a range MIN..MAX drawn uniformly per message (repeatable or comma-separated), default 32", Arity = ArgumentArity.ZeroOrMore };
        var text = new Option<bool>("--text") { Description = "Send text messages (valid UTF-8) instead of binary" };
        var binary = new Option<bool>("--binary") { Description = "Send binary messages (the default)" };
        var deflate = new Option<bool>("--deflate") { Description = "Offer permessage-deflate (RFC 7692) and send compressible payloads" };
        var duration = DurationOption.Create("--duration", "Measured time per scenario and target", TimeSpan.FromSeconds(10));
        var warmup = DurationOption.Create("--warmup", "Load before measuring starts (not counted)", TimeSpan.FromSeconds(2));
        var rate = new Option<double?>("--rate") { Description = "Open loop: messages per second over all connections, latency timed from each message's due time; without it, closed loop" };
        var inFlight = new Option<int>("--in-flight") { Description = "Closed loop: messages outstanding per connection", DefaultValueFactory = _ => 1 };
        var hold = new Option<int?>("--hold") { Description = "Connection capacity instead of echo load: open this many idle connections and report how many the server held" };
        var handshakeRate = new Option<double>("--handshake-rate") { Description = "With --hold: handshakes started per second", DefaultValueFactory = _ => 1000 };
        var holdFor = DurationOption.Create("--hold-for", "With --hold: how long the connections stay idle before each is pinged", TimeSpan.FromSeconds(5));
        var echoTimeout = DurationOption.Create("--echo-timeout", "An echo or pong not back within this counts as an error", TimeSpan.FromSeconds(10));
        var handshakeTimeout = DurationOption.Create("--handshake-timeout", "Connect, TLS and opening handshake", TimeSpan.FromSeconds(10));
        var pids = new Option<string[]>("--pid") { Description = "NAME=PID: the process of the target named NAME, whose CPU per echo is then reported (repeatable; automatic for the reference server bench starts)", Arity = ArgumentArity.ZeroOrMore };
        var reportDir = new Option<string?>("--report-dir") { Description = "Where to write bench.json and bench.html (default reports/bench-<timestamp>/)" };
        var headers = new Option<string[]>("--header") { Description = "Extra handshake header 'Name: value' (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var subprotocols = new Option<string[]>("--subprotocol") { Description = "Subprotocol to offer (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var origin = new Option<string?>("--origin") { Description = "Origin header to send" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (wss)" };
        var ca = new Option<string?>("--ca") { Description = "PEM file of a CA to trust for wss" };

        var command = new Command("bench", "Measure servers under load: echo messages/s, MB/s and latency percentiles with every echo checked, or how many idle connections a server holds");
        foreach (var option in new Option[] { targets, compare, connections, sizes, text, binary, deflate, duration, warmup, rate, inFlight, hold, handshakeRate, holdFor, echoTimeout, handshakeTimeout, pids, reportDir, headers, subprotocols, origin, insecure, ca })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var problem = string.Empty;
            var targetList = new List<BenchTarget>();
            var compareTargets = new List<BenchTarget>();
            var compareFiles = new List<string>();
            try
            {
                targetList.AddRange((parseResult.GetValue(targets) ?? []).Select(BenchTarget.Parse));
                foreach (var value in parseResult.GetValue(compare) ?? [])
                {
                    if (value.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(value))
                    {
                        compareFiles.Add(value);
                    }
                    else
                    {
                        compareTargets.Add(BenchTarget.Parse(value));
                    }
                }
            }
            catch (FormatException exception)
            {
                problem = exception.Message;
            }

            foreach (var value in parseResult.GetValue(pids) ?? [])
            {
                var parts = value.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                {
                    problem = $"--pid '{value}' is not NAME=PID";
                    break;
                }

                if (!SetPid(targetList, parts[0], pid) && !SetPid(compareTargets, parts[0], pid))
                {
                    problem = $"--pid '{value}': no --target or --compare is named '{parts[0]}'";
                    break;
                }
            }

            var connectionCounts = ParseList(parseResult.GetValue(connections), "--connections", [64], static (string value, out int count) => int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out count) && count is >= 1 and <= 100_000, ref problem);
            var sizeList = ParseList(parseResult.GetValue(sizes), "--size", [new SizeRange(32, null)], SizeRange.TryParse, ref problem);
            if (parseResult.GetValue(text) && parseResult.GetValue(binary))
            {
                problem = "--text and --binary exclude each other";
            }

            if (parseResult.GetValue(inFlight) is < 1 or > 4096)
            {
                problem = "--in-flight is 1 to 4096";
            }

            if (parseResult.GetValue(rate) is <= 0)
            {
                problem = "--rate must be positive";
            }

            if (parseResult.GetValue(hold) is < 1 or > 1_000_000 || parseResult.GetValue(handshakeRate) <= 0)
            {
                problem = "--hold is 1 to 1000000 connections and --handshake-rate is positive";
            }

            if (!RunCommand.TryParseHeaders(parseResult.GetValue(headers) ?? [], out var headerList, out var headerProblem))
            {
                problem = headerProblem;
            }

            if (problem.Length > 0)
            {
                await error.WriteLineAsync($"wsconform bench: {problem}");
                return ExitCodes.UsageError;
            }

            var template = new BenchScenario
            {
                Kind = parseResult.GetValue(text) ? MessageKind.Text : MessageKind.Binary,
                Deflate = parseResult.GetValue(deflate),
                Duration = parseResult.GetValue(duration),
                Warmup = parseResult.GetValue(warmup),
                Rate = parseResult.GetValue(rate),
                InFlight = parseResult.GetValue(inFlight),
                HandshakeRate = parseResult.GetValue(handshakeRate),
                HoldFor = parseResult.GetValue(holdFor),
            };
            IReadOnlyList<BenchScenario> scenarios = parseResult.GetValue(hold) is { } holdCount
                ? [template with { Mode = BenchMode.Hold, Hold = holdCount }]
                : [.. sizeList.SelectMany(size => connectionCounts.Select(count => template with { Size = size.Min, MaxSize = size.Max, Connections = count }))];
            var settings = new BenchSettings
            {
                Targets = targetList,
                CompareTargets = compareTargets,
                CompareFiles = compareFiles,
                Scenarios = scenarios,
                ReportDirectory = parseResult.GetValue(reportDir),
                Client = new BenchClientOptions
                {
                    ExtraHeaders = [.. headerList.Select(h => new HttpHeaderField(h.Key, h.Value))],
                    Subprotocols = parseResult.GetValue(subprotocols) ?? [],
                    Origin = parseResult.GetValue(origin),
                    InsecureTls = parseResult.GetValue(insecure),
                    CaFile = parseResult.GetValue(ca),
                    EchoTimeout = parseResult.GetValue(echoTimeout),
                    HandshakeTimeout = parseResult.GetValue(handshakeTimeout),
                },
            };
            return await BenchSession.RunAsync(settings, parseResult.InvocationConfiguration.Output, error, cancellationToken);
        });
        return command;
    }

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>A <c>--size</c> value: one size, or MIN..MAX (a size distribution).</summary>
    private readonly record struct SizeRange(int Min, int? Max)
    {
        public static bool TryParse(string text, out SizeRange range)
        {
            range = default;
            var dots = text.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                var ok = ByteSizeText.TryParse(text, out var size);
                range = new SizeRange(size, null);
                return ok;
            }

            if (!ByteSizeText.TryParse(text[..dots], out var min) || !ByteSizeText.TryParse(text[(dots + 2)..], out var max) || max < min)
            {
                return false;
            }

            range = new SizeRange(min, max);
            return true;
        }
    }

    private static bool SetPid(List<BenchTarget> targets, string name, int pid)
    {
        var index = targets.FindIndex(target => target.Name == name);
        if (index >= 0)
        {
            targets[index] = targets[index] with { Pid = pid };
        }

        return index >= 0;
    }

    private static List<T> ParseList<T>(string[]? values, string name, List<T> defaults, TryParse<T> parse, ref string problem)
    {
        var items = (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (items.Count == 0)
        {
            return defaults;
        }

        var parsed = new List<T>();
        foreach (var item in items)
        {
            if (!parse(item, out var value))
            {
                problem = $"{name} '{item}' is not valid";
                return defaults;
            }

            parsed.Add(value);
        }

        return parsed;
    }
}
