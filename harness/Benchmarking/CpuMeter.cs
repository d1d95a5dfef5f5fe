namespace Conformance.Harness.Benchmarking;

/// <summary>This process's CPU time (user + system) over an interval: the load generator's own cost.</summary>
internal sealed class CpuMeter
{
    private readonly TimeSpan _start = Used();

    public double Seconds => (Used() - _start).TotalSeconds;

    /// <summary>The share of every core that <paramref name="cpuSeconds"/> took over <paramref name="elapsedSeconds"/> (100 = all cores busy).</summary>
    public static double PercentOfMachine(double cpuSeconds, double elapsedSeconds) =>
        elapsedSeconds <= 0 ? 0 : 100 * cpuSeconds / (elapsedSeconds * Environment.ProcessorCount);

    private static TimeSpan Used() => ProcessCpu.Used(Environment.ProcessId) ?? TimeSpan.Zero;
}
