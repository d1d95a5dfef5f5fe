using System.Diagnostics;

namespace Conformance.Harness.Benchmarking;

/// <summary>The CPU time (user + system) a process has used so far: the server's cost of the echoes measured.</summary>
internal static class ProcessCpu
{
    /// <summary>Null when there is no such process (or it cannot be read).</summary>
    public static TimeSpan? Used(int? pid)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return process.TotalProcessorTime;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
