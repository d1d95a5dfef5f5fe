using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.Harness.Tests.Benchmarking;

/// <summary>
/// The load generator judged like the conformance judge: an echo server that breaks one rule must show wrong echoes or
/// errors naming it; one that is odd but legal must show none. Runs are bounded by a one-second measurement.
/// </summary>
public sealed class EchoLoadJudgeTests
{
    private static readonly BenchClientOptions Client = new() { EchoTimeout = TimeSpan.FromMilliseconds(500), HandshakeTimeout = TimeSpan.FromSeconds(5) };

    private static BenchScenario Scenario(int size = 100, MessageKind kind = MessageKind.Binary, int connections = 2) => new()
    {
        Connections = connections,
        Size = size,
        Kind = kind,
        Duration = TimeSpan.FromSeconds(1),
        Warmup = TimeSpan.Zero,
    };

    private static async Task<BenchResult> MeasureAsync(EchoVariants.Answer answer, BenchScenario scenario, BenchClientOptions? client = null)
    {
        await using var server = EchoVariants.Start(answer);
        // The servers run in this process: its id stands for the server's, so the CPU per echo is reported.
        var target = new BenchTarget("test", server.Endpoint) { Pid = Environment.ProcessId };
        return await EchoLoad.RunAsync(target, scenario, client ?? Client, null, CancellationToken.None);
    }

    [Fact]
    public async Task Correct_echo_server_has_no_wrong_echoes_and_no_errors()
    {
        var result = await MeasureAsync((_, kind, payload) => EchoVariants.Whole(kind, payload), Scenario());

        Assert.True(result.Messages > 100, $"only {result.Messages} echoes");
        Assert.Equal(0, result.WrongEchoes);
        Assert.Equal(0, result.Errors);
        Assert.Equal(2, result.ConnectionsHeld);
        Assert.NotNull(result.LatencyMs);
        Assert.NotEmpty(result.Percentiles);
        Assert.True(result.ServerCpuMicrosecondsPerMessage > 0);
    }

    [Fact]
    public async Task Echoes_of_a_size_range_are_each_checked_at_their_own_length()
    {
        var correct = await MeasureAsync((_, kind, payload) => EchoVariants.Whole(kind, payload), Scenario(size: 8) with { MaxSize = 3000 });
        var padded = await MeasureAsync((_, kind, payload) => EchoVariants.Whole(kind, [.. payload, 0]), Scenario(size: 8) with { MaxSize = 3000 });

        Assert.Equal(0, correct.WrongEchoes);
        Assert.True(correct.Messages > 100, $"only {correct.Messages} echoes");
        Assert.InRange(correct.Bytes / (double)correct.Messages, 1000, 2000);
        Assert.True(padded.WrongEchoes > 0);
    }

    [Fact]
    public async Task Refragmented_echoes_with_pings_between_fragments_are_correct()
    {
        // RFC 6455 5.4: an intermediary or server may fragment differently; 5.5: control frames may come between fragments.
        var result = await MeasureAsync((_, kind, payload) => EchoVariants.Refragmented(kind, payload), Scenario(kind: MessageKind.Text));

        Assert.True(result.Messages > 100, $"only {result.Messages} echoes");
        Assert.Equal(0, result.WrongEchoes);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public async Task Echo_with_one_byte_changed_is_a_wrong_echo()
    {
        var result = await MeasureAsync(
            (index, kind, payload) =>
            {
                if (index % 50 == 49)
                {
                    payload[^1] ^= 0x01;
                }

                return EchoVariants.Whole(kind, payload);
            },
            Scenario());

        Assert.True(result.WrongEchoes > 0);
        Assert.True(result.Messages > 0);
    }

    [Fact]
    public async Task Text_echoed_as_binary_is_a_wrong_echo()
    {
        var result = await MeasureAsync((_, _, payload) => EchoVariants.Whole(MessageKind.Binary, payload), Scenario(kind: MessageKind.Text));

        Assert.True(result.WrongEchoes > 0);
        Assert.Equal(0, result.Messages);
    }

    [Fact]
    public async Task Echo_one_byte_short_is_a_wrong_echo()
    {
        var result = await MeasureAsync((_, kind, payload) => EchoVariants.Whole(kind, payload[..^1]), Scenario(size: 32));

        Assert.True(result.WrongEchoes > 0);
        Assert.Equal(0, result.Messages);
    }

    [Fact]
    public async Task Echoes_out_of_order_are_wrong()
    {
        var held = new byte[][] { [] };
        var result = await MeasureAsync(
            (index, kind, payload) =>
            {
                // Message 10 is held back and sent after 11: each carries the other's sequence number.
                if (index % 20 == 10)
                {
                    held[0] = payload;
                    return [];
                }

                return index % 20 == 11 ? [.. EchoVariants.Whole(kind, payload), .. EchoVariants.Whole(kind, held[0])] : EchoVariants.Whole(kind, payload);
            },
            Scenario(connections: 1) with { InFlight = 2 });

        Assert.True(result.WrongEchoes > 0);
    }

    [Fact]
    public async Task Masked_server_frame_is_a_wrong_echo_citing_the_rule()
    {
        // RFC 6455 5.1: a server MUST NOT mask the frames it sends; the client fails the connection.
        var result = await MeasureAsync(
            (_, kind, payload) => [FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = kind == MessageKind.Text ? Opcode.Text : Opcode.Binary, Masked = true, MaskKey = 0x01020304, PayloadLength = (ulong)payload.Length }, payload)],
            Scenario());

        Assert.True(result.WrongEchoes > 0);
        Assert.Contains(result.ErrorsByKind.Keys, kind => kind.Contains("5.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dropped_echo_counts_an_error_and_the_connection_is_reopened()
    {
        var result = await MeasureAsync((index, kind, payload) => index == 20 ? null : EchoVariants.Whole(kind, payload), Scenario(connections: 1));

        Assert.True(result.ErrorsByKind.Keys.Any(kind => kind.StartsWith("no echo within", StringComparison.Ordinal)), $"errors {string.Join(", ", result.ErrorsByKind)}; messages {result.Messages}; held {result.ConnectionsHeld}; elapsed {result.ElapsedSeconds}");
        Assert.Equal(0, result.WrongEchoes);
        Assert.True(result.Messages > 0);
    }

    [Fact]
    public async Task Open_loop_sends_at_its_rate_through_a_stall_and_checks_every_echo()
    {
        // Message 50 of each connection is answered 300 ms late; what was due meanwhile is still sent and checked. (How
        // the stall shows in the latencies is OpenLoopScheduleTests', on a fake clock.)
        var result = await MeasureAsync(
            (index, kind, payload) =>
            {
                if (index == 50)
                {
                    Thread.Sleep(300);
                }

                return EchoVariants.Whole(kind, payload);
            },
            Scenario(connections: 2) with { Rate = 400 },
            Client with { EchoTimeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(0, result.WrongEchoes);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 100, $"only {result.Messages} echoes");
    }
}
