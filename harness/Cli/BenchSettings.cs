using Conformance.Harness.Benchmarking;

namespace Conformance.Harness.Cli;

/// <summary>One <c>wsconform bench</c> invocation as parsed: targets, the scenarios to run against each, where to write.</summary>
internal sealed record BenchSettings
{
    /// <summary>Servers to measure; empty means the reference server, started as a child process.</summary>
    public IReadOnlyList<BenchTarget> Targets { get; init; } = [];

    /// <summary>Servers measured beside <see cref="Targets"/> (or beside the reference server when there is none).</summary>
    public IReadOnlyList<BenchTarget> CompareTargets { get; init; } = [];

    /// <summary>Earlier bench.json files whose results are shown beside this run's.</summary>
    public IReadOnlyList<string> CompareFiles { get; init; } = [];

    /// <summary>Every scenario runs against every target, in this order.</summary>
    public IReadOnlyList<BenchScenario> Scenarios { get; init; } = [];

    public BenchClientOptions Client { get; init; } = new();

    public string? ReportDirectory { get; init; }
}
