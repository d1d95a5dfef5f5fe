using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Conformance.Benchmarks;

/// <summary>
/// The configuration every benchmark class here uses: BenchmarkDotNet's short-run job (1 launch, 3 warm-up and
/// 3 measured iterations), so the whole suite stays within minutes on a small machine, plus the throughput columns.
/// For publication-grade numbers run with <c>--job Default</c> (or <c>--job Medium</c>) as well.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.ShortRun);
        AddColumn(ThroughputColumn.Bytes, ThroughputColumn.Messages);
    }
}
