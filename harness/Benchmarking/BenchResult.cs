namespace Conformance.Harness.Benchmarking;

/// <summary>Latency percentiles in milliseconds, from the HDR histogram of one measurement.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean);

/// <summary>One point of the percentile curve: at <see cref="Percentile"/> (0..100) the latency was at most <see cref="LatencyMs"/>.</summary>
public sealed record PercentilePoint(double Percentile, double LatencyMs);

/// <summary>One second of a measurement (second 1 is the first measured second, after the warm-up).</summary>
public sealed record TimelinePoint(double Second, double MessagesPerSecond, double MegabytesPerSecond, double P50Ms, double P99Ms, int OpenConnections);

/// <summary>The figures of one scenario against one target.</summary>
public sealed record BenchResult
{
    /// <summary>The target's short name (--compare NAME=URL, or the host and port).</summary>
    public required string Name { get; init; }

    public required string Url { get; init; }

    /// <summary>The server's Server header, when it sent one.</summary>
    public string? Agent { get; init; }

    public required BenchScenario Scenario { get; init; }

    /// <summary>Seconds actually measured (the warm-up excluded).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Echoes received and checked per second.</summary>
    public double MessagesPerSecond { get; init; }

    /// <summary>Payload megabytes (10^6) per second, one way.</summary>
    public double MegabytesPerSecond { get; init; }

    public long Messages { get; init; }

    public long Bytes { get; init; }

    /// <summary>Null when no latency was measured (a hold run, or no echo at all).</summary>
    public LatencySummary? LatencyMs { get; init; }

    public IReadOnlyList<PercentilePoint> Percentiles { get; init; } = [];

    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>Handshake failures, connection failures, timeouts: every way a connection or message was lost.</summary>
    public long Errors { get; init; }

    /// <summary><see cref="Errors"/> by kind, e.g. "refused", "handshake 503", "timeout", "closed by server 1009".</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Echoes that differed from what was sent (payload or kind) or broke RFC 6455 framing.</summary>
    public long WrongEchoes { get; init; }

    /// <summary>Connections open (handshake done, answering) at the end: all of an echo run's, or what a hold run kept.</summary>
    public int ConnectionsHeld { get; init; }

    public int ConnectionsAttempted { get; init; }

    /// <summary>Completed opening handshakes per second while connecting.</summary>
    public double HandshakesPerSecond { get; init; }

    /// <summary>CPU time of the load generator (this process) during the measurement, user + system.</summary>
    public double ClientCpuSeconds { get; init; }

    /// <summary>The load generator's CPU use as a share of all cores (100 = every core busy): near 100 means it may be the bottleneck.</summary>
    public double ClientCpuPercent { get; init; }

    /// <summary>The server process's CPU time during the measurement, when its process id was known (<c>--pid</c>).</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>The server's CPU per echo in microseconds: its efficiency, whoever else shares the machine.</summary>
    public double? ServerCpuMicrosecondsPerMessage { get; init; }

    /// <summary>Whether the server accepted permessage-deflate, when it was offered.</summary>
    public bool? DeflateAccepted { get; init; }
}

/// <summary>bench.json: every measurement of one <c>wsconform bench</c> invocation.</summary>
public sealed record BenchDocument
{
    public required Conformance.Harness.Results.ToolInfo Tool { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Cores, OS and runtime of the machine that generated the load.</summary>
    public required BenchMachine Machine { get; init; }

    public required IReadOnlyList<BenchResult> Results { get; init; }
}

public sealed record BenchMachine(int Cores, string Os, string Runtime);
