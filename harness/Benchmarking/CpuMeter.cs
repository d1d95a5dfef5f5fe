using System.Diagnostics;

namespace Conformance.Harness.Benchmarking;

/// <summary>This process's CPU time (user + system) over an interval: the load generator's own cost.</summary>
internal sealed class CpuMeter
{
    private readonly TimeSpan _start = Used();

    public double Seconds => (Used() - _start).TotalSeconds;

    /// <summary>The share of every core used over <paramref name="elapsedSeconds"/> (100 = all cores busy).</summary>
    public double PercentOfMachine(double elapsedSeconds) =>
        elapsedSeconds <= 0 ? 0 : 100 * Seconds / (elapsedSeconds * Environment.ProcessorCount);

    private static TimeSpan Used()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
