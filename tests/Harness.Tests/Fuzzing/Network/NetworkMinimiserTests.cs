using Conformance.Fuzz.Network;
using Conformance.Harness.Fuzzing.Network;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>
/// What the minimiser leaves of a finding, against modelled servers (a predicate over the input stands for a live run
/// against a fresh start): the fault's frame and nothing else, one write unless the fault needs the split, and a pause
/// between the writes it keeps, so the finding file reproduces however busy the machine is.
/// </summary>
public sealed class NetworkMinimiserTests
{
    private static readonly WireFrame Text = new() { Opcode = 1, Payload = "hello"u8.ToArray() };
    private static readonly WireFrame Ping = new() { Opcode = 9, Payload = new byte[100] };
    private static readonly WireFrame Binary = new() { Opcode = 2, Payload = new byte[40] };

    /// <summary>What the campaign found: three frames, the ping cut into four writes with no pause.</summary>
    private static readonly NetworkInput Found = new()
    {
        Frames = [Text, Ping, Binary],
        Cuts = [new WireCut(1, 3), new WireCut(1, 50), new WireCut(1, 90), new WireCut(2, 10)],
        DelayMs = 0,
    };

    [Fact]
    public async Task A_fault_of_a_ping_split_across_reads_keeps_one_cut_in_the_ping_and_a_pause_before_the_rest()
    {
        // The modelled server leaks on a ping whose bytes arrive in two reads. Back-to-back writes are one read to a busy
        // server now and then: here every other try without a pause coalesces (a real scheduler is less regular).
        var tries = 0;
        var minimiser = new NetworkMinimiser(input => Task.FromResult(PingArrivesSplit(input, ref tries)), maxRuns: 500, TimeSpan.FromMinutes(1));

        var minimised = await minimiser.MinimiseAsync(Found);

        var frame = Assert.Single(minimised.Frames);
        Assert.Equal(9, frame.Opcode);
        Assert.Equal(2, minimised.Writes().Count);
        Assert.True(minimised.PauseMs(2) > 0, "the split writes were left without a pause, so a replay depends on the scheduler");
    }

    [Fact]
    public async Task A_fault_of_one_frame_is_left_in_one_write_without_pauses()
    {
        var minimiser = new NetworkMinimiser(input => Task.FromResult(input.Frames.Any(f => f.Opcode == 2)), maxRuns: 500, TimeSpan.FromMinutes(1));

        var minimised = await minimiser.MinimiseAsync(Found with { DelayMs = 20 });

        Assert.Equal(2, Assert.Single(minimised.Frames).Opcode);
        Assert.Single(minimised.Writes());
        Assert.Equal(0, minimised.DelayMs);
        Assert.Empty(minimised.Cuts);
    }

    [Fact]
    public async Task A_fault_that_a_pause_hides_keeps_its_writes_back_to_back()
    {
        // A race: the server fails only when the second piece lands before it has handled the first.
        var minimiser = new NetworkMinimiser(input => Task.FromResult(input.Frames.Any(f => f.Opcode == 9) && input.Writes().Count > 1 && input.DelayMs == 0), maxRuns: 500, TimeSpan.FromMinutes(1));

        var minimised = await minimiser.MinimiseAsync(Found);

        Assert.Equal(0, minimised.DelayMs);
        Assert.Equal(2, minimised.Writes().Count);
    }

    [Fact]
    public async Task The_minimiser_stops_at_its_run_budget()
    {
        var runs = 0;
        var minimiser = new NetworkMinimiser(_ => Task.FromResult(++runs < 0), maxRuns: 7, TimeSpan.FromMinutes(1));

        await minimiser.MinimiseAsync(Found);

        Assert.Equal(7, minimiser.Runs);
        Assert.Equal(7, runs);
    }

    private static bool PingArrivesSplit(NetworkInput input, ref int tries)
    {
        var frames = input.Frames;
        var ping = frames.ToList().FindIndex(f => f.Opcode == 9 && f.Raw is null);
        if (ping < 0 || !input.Cuts.Any(cut => cut.Frame == ping && cut.Offset > 0 && cut.Offset < frames[ping].WireLength))
        {
            return false;
        }

        // With a pause each write is its own read; without, the pieces coalesce on every other try.
        return input.PauseMs(input.Writes().Count) > 0 || ++tries % 2 == 0;
    }
}
