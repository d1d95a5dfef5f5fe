using Conformance.Harness.Benchmarking;
using Conformance.Harness.Results;

namespace Conformance.Harness.Tests.Reporting.Bench;

/// <summary>Bench documents as a run would write them: echo results with a timeline and a percentile curve, and hold results without.</summary>
internal static class BenchSamples
{
    public const string Hostile = "<script>alert(1)</script>\" onmouseover=\"alert(2)";

    public static readonly BenchScenario Echo = new() { Connections = 64, Size = 32 };

    public static readonly BenchScenario Large = new() { Connections = 8, Size = 64 * 1024, Kind = Conformance.ReferenceImpl.Protocol.MessageKind.Text, Deflate = true };

    public static readonly BenchScenario Hold = new() { Mode = BenchMode.Hold, Hold = 10_000, HandshakeRate = 2_000 };

    public static BenchDocument Document(params BenchResult[] results) => new()
    {
        Tool = new ToolInfo("wsconform", "9.8.7"),
        StartedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
        Machine = new BenchMachine(2, "Ubuntu 24.04", ".NET 10.0.0"),
        Results = results,
    };

    public static BenchResult EchoResult(string name = "fast", string url = "ws://127.0.0.1:9001/", double messagesPerSecond = 123_456.7, BenchScenario? scenario = null, int seconds = 10)
    {
        var timeline = Enumerable.Range(1, seconds)
            .Select(s => new TimelinePoint(s, messagesPerSecond * (0.9 + (0.02 * (s % 5))), messagesPerSecond * 32 / 1e6, 0.2 + (0.01 * s), 1.5 + (0.1 * (s % 3)), 64))
            .ToList();
        var percentiles = new[] { 0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100 }
            .Select(p => new PercentilePoint(p, 0.05 + (p < 100 ? 0.2 / (100.0001 - p) : 12.5)))
            .ToList();
        return new BenchResult
        {
            Name = name,
            Url = url,
            Agent = "test-server/1.0",
            Scenario = scenario ?? Echo,
            ElapsedSeconds = seconds,
            MessagesPerSecond = messagesPerSecond,
            MegabytesPerSecond = 3.9506,
            Messages = (long)(messagesPerSecond * seconds),
            Bytes = (long)(messagesPerSecond * seconds * 32),
            LatencyMs = new LatencySummary(0.243, 0.781, 1.52, 4.25, 12.5, 0.311),
            Percentiles = percentiles,
            Timeline = timeline,
            Errors = 3,
            ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 2, ["closed by server 1009"] = 1 },
            WrongEchoes = 1,
            ConnectionsHeld = 63,
            ConnectionsAttempted = 64,
            HandshakesPerSecond = 812.4,
            ClientCpuSeconds = 9.5,
            ClientCpuPercent = 47.5,
        };
    }

    /// <summary>A hold run: no echo, so no latency, no curve and (here) no timeline.</summary>
    public static BenchResult HoldResult(string name = "fast") => new()
    {
        Name = name,
        Url = "ws://127.0.0.1:9001/",
        Scenario = Hold,
        ElapsedSeconds = 5,
        ConnectionsHeld = 9_876,
        ConnectionsAttempted = 10_000,
        HandshakesPerSecond = 1_987.6,
        Errors = 124,
        ErrorsByKind = new Dictionary<string, long> { ["refused"] = 124 },
        ClientCpuPercent = 12,
    };
}
