using System.Globalization;
using Spectre.Console;

namespace Conformance.Harness.Benchmarking;

/// <summary>The console views of bench figures: the live line, one line per measurement, the summary table.</summary>
internal static class BenchTable
{
    public static string LiveLine(BenchProgress progress) => progress.Phase is "warm-up" or "measuring"
        ? string.Create(CultureInfo.InvariantCulture, $"{progress.Target}: {progress.Scenario}, {progress.Phase} {progress.Second:0}s: {progress.MessagesPerSecond:N0} msg/s, p99 {progress.P99Ms:0.###} ms, {progress.Open} open, {progress.Errors} errors, {progress.WrongEchoes} wrong echoes")
        : string.Create(CultureInfo.InvariantCulture, $"{progress.Target}: {progress.Scenario}, {progress.Phase} {progress.Second:0}s: {progress.Open} open, {progress.Errors} errors");

    public static string Line(BenchResult result) => result.Scenario.Mode == BenchMode.Hold
        ? string.Create(CultureInfo.InvariantCulture, $"  {result.Name}: held {result.ConnectionsHeld} of {result.ConnectionsAttempted}, {result.HandshakesPerSecond:N0} handshakes/s, {result.Errors} errors{Kinds(result)}")
        : string.Create(CultureInfo.InvariantCulture, $"  {result.Name}: {result.MessagesPerSecond:N0} msg/s, {result.MegabytesPerSecond:N1} MB/s, p50 {Ms(result.LatencyMs?.P50)} p99 {Ms(result.LatencyMs?.P99)} p99.9 {Ms(result.LatencyMs?.P999)} max {Ms(result.LatencyMs?.Max)} ms, {result.Errors} errors, {result.WrongEchoes} wrong echoes, client CPU {result.ClientCpuPercent:0}%{Kinds(result)}");

    public static void Write(IReadOnlyList<BenchResult> results, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
        {
            // Logs and CI job output are wider than the 80 columns assumed for a redirected stream.
            console.Profile.Width = 180;
        }

        var table = new Table().RoundedBorder();
        foreach (var column in new[] { "target", "scenario", "msg/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "wrong", "held", "handshakes/s", "client CPU", "server µs/msg" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "target" or "scenario" ? Justify.Left : Justify.Right });
        }

        foreach (var result in results)
        {
            var echo = result.Scenario.Mode == BenchMode.Echo;
            table.AddRow(
                Markup.Escape(result.Name),
                Markup.Escape(result.Scenario.Label),
                echo ? result.MessagesPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "-",
                echo ? result.MegabytesPerSecond.ToString("N1", CultureInfo.InvariantCulture) : "-",
                Ms(result.LatencyMs?.P50),
                Ms(result.LatencyMs?.P99),
                Ms(result.LatencyMs?.P999),
                Ms(result.LatencyMs?.Max),
                result.Errors.ToString(CultureInfo.InvariantCulture),
                result.WrongEchoes.ToString(CultureInfo.InvariantCulture),
                $"{result.ConnectionsHeld}/{result.ConnectionsAttempted}",
                result.HandshakesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                result.ClientCpuPercent.ToString("0", CultureInfo.InvariantCulture) + "%",
                result.ServerCpuMicrosecondsPerMessage is { } micros ? micros.ToString("0.0", CultureInfo.InvariantCulture) : "-");
        }

        console.Write(table);
    }

    private static string Ms(double? milliseconds) => milliseconds switch
    {
        null => "-",
        < 1 => milliseconds.Value.ToString("0.###", CultureInfo.InvariantCulture),
        < 100 => milliseconds.Value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => milliseconds.Value.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string Kinds(BenchResult result) => result.ErrorsByKind.Count == 0
        ? string.Empty
        : " (" + string.Join(", ", result.ErrorsByKind.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}"))) + ")";
}
