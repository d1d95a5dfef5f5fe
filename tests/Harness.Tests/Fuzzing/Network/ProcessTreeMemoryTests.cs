using System.Diagnostics;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>A supervised server is often a shell's child: its memory is the whole tree's.</summary>
public sealed class ProcessTreeMemoryTests
{
    [Fact]
    public async Task Resident_memory_counts_the_children_of_the_started_process()
    {
        // sh does not exec the second command: the 64 MB live in a grandchild of ours.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "python3 -c 'x = b\"\\x01\" * (64 << 20); import sys; sys.stdout.write(\"ready\\n\"); sys.stdout.flush(); import time; time.sleep(20)'; true"])
        {
            RedirectStandardOutput = true,
        };
        using var shell = Process.Start(start)!;
        try
        {
            Assert.Equal("ready", await shell.StandardOutput.ReadLineAsync());
            var memory = new ProcessTreeMemory(shell.Id);
            Assert.True(memory.ResidentBytes() > 64L << 20, $"{memory.ResidentBytes()} bytes");
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            await shell.WaitForExitAsync();
        }
    }
}
