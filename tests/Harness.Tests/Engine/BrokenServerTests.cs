using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Framing;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;

namespace Conformance.Harness.Tests.Engine;

/// <summary>Deliberately broken servers: the runner never hangs or crashes, the verdict is exact and the reason names the RFC section.</summary>
public sealed class BrokenServerTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task A_server_that_masks_its_frames_fails_with_5_1()
    {
        await using var server = new RawServer((socket, token) => EchoAsync(socket, token, header => header with { Masked = true, MaskKey = 0x11223344 }));

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 6455 5.1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("frame #", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Observation.FailedByHarness);
        Assert.Equal((ushort)1002, result.Observation.HarnessCloseCode);
    }

    [Fact]
    public async Task A_server_that_echoes_with_a_reserved_opcode_fails_with_5_2()
    {
        await using var server = new RawServer((socket, token) => EchoAsync(socket, token, header => header.Opcode == Opcode.Text ? header with { Opcode = (Opcode)3 } : header));

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 6455 5.2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_echoes_text_as_binary_fails_with_the_mismatch_spelled_out()
    {
        await using var server = new RawServer((socket, token) => EchoAsync(socket, token, header => header.Opcode == Opcode.Text ? header with { Opcode = Opcode.Binary } : header));

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        // The verdict is settled by the binary echo: the harness closes 1000 at once instead of waiting for its deadline.
        Assert.Equal(CloseVerdict.Ok, result.CloseVerdict);
        Assert.Contains("RFC 6455 5.6: expected [message text \"Hello\"], got [message binary 0x48656C6C6F", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Observation.Settled);
        Assert.False(result.Observation.TimedOut);
    }

    [Fact]
    public async Task A_server_that_never_closes_tcp_is_unclean_and_non_strict_under_7_1_1()
    {
        await using var server = new RawServer((socket, token) => EchoAsync(socket, token, header => header, closeTcp: false));

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.NonStrict, result.Verdict);
        Assert.Equal(CloseVerdict.Unclean, result.CloseVerdict);
        Assert.Contains("RFC 6455 7.1.1", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Observation.ServerDropTimeout);
        Assert.True(result.Observation.DroppedByHarness);
    }

    [Fact]
    public async Task A_server_that_goes_silent_after_the_handshake_times_out_within_bounds()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await Task.Delay(Timeout.Infinite, token);
        });

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal(CloseVerdict.Unclean, result.CloseVerdict);
        Assert.Contains("got [] then close 1001 from the harness after the 1000 ms deadline, never answered", result.Reason, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 7.1.1", result.Reason, StringComparison.Ordinal);
        Assert.InRange(result.DurationMs, 1900, 4000);
    }

    [Fact]
    public async Task A_server_that_resets_is_the_wrong_endpoint_for_an_echo_case()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await socket.ReceiveAsync(new byte[64], token);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        });

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal(CloseVerdict.Failed, result.CloseVerdict);
        Assert.Contains("RFC 6455 7.1.7", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Observation.PeerReset);
    }

    [Fact]
    public async Task A_server_that_fails_before_echoing_gets_the_non_strict_outcome()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await socket.ReceiveAsync(new byte[256], token);
            await RawServer.SendFrameAsync(socket, new FrameHeader { Fin = true, Opcode = Opcode.Close, PayloadLength = 2 }, [0x03, 0xEA], token);
            socket.Shutdown(SocketShutdown.Send);
            await Task.Delay(200, token);
        });
        var definition = Make("opcodes.reserved-after-message",
            [new SendFramesStep([new FrameSpec { Opcode = 1, Payload = Utf8("hello") }, new FrameSpec { Opcode = 5 }], null, Here)],
            [Outcome(Verdict.Ok, Text("hello")), Outcome(Verdict.NonStrict)], PeerFails(1002));

        var result = await RunAsync(server, definition);

        Assert.Equal(Verdict.NonStrict, result.Verdict);
        Assert.Equal(CloseVerdict.Ok, result.CloseVerdict);
        Assert.Equal((ushort)1002, result.RemoteCloseCode);
    }

    [Fact]
    public async Task A_refused_connection_fails_without_hanging()
    {
        var server = new RawServer((_, _) => Task.CompletedTask);
        var target = server.Endpoint;
        await server.DisposeAsync();

        var result = await RunAsync(target, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 6455 4.1", result.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.Observation.ConnectError);
    }

    [Fact]
    public async Task A_server_answering_garbage_fails_the_handshake()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await socket.SendAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bogus\r\n\r\n\xff\xfe"u8.ToArray(), token);
            await Task.Delay(200, token);
        });

        var result = await RunAsync(server, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal(CloseVerdict.Failed, result.CloseVerdict);
        Assert.Contains("RFC 6455 4.1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_target_dies_the_remaining_cases_are_unreachable_not_timeouts()
    {
        RawServer? server = null;
        server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            server!.StopListening();
            socket.Close();
        });
        await using (server)
        {
            var cases = Enumerable.Range(0, 6).Select(i => EchoHello($"echo-{i}")).ToList();

            var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint }, parallel: 1).RunAllAsync(cases, null, _timeout.Token);

            Assert.Equal(6, results.Count);
            Assert.Equal("echo-0", results[0].Id);
            Assert.All(results.Skip(1), result => Assert.Equal("target unreachable since case echo-0", result.Reason));
        }
    }

    [Fact]
    public async Task Cancelling_a_catalogue_stops_promptly_and_keeps_finished_results()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        cancel.CancelAfter(300);
        var cases = Enumerable.Range(0, 20).Select(i => EchoHello($"echo-{i}") with { Timeout = TimeSpan.FromSeconds(10) }).ToList();

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint }).RunAllAsync(cases, null, cancel.Token);

        Assert.Empty(results);
    }

    /// <summary>Accepts the handshake, then echoes data frames (with <paramref name="edit"/> applied to the header) and answers close.</summary>
    internal static async Task EchoAsync(Socket socket, CancellationToken token, Func<FrameHeader, FrameHeader> edit, bool closeTcp = true, Func<byte[], byte[]>? closeReply = null)
    {
        await RawServer.AcceptHandshakeAsync(socket, token);
        await EchoLoopAsync(socket, token, edit, closeTcp, closeReply);
    }

    /// <summary>Echoes data frames and answers a close frame with <paramref name="closeReply"/>(its payload), by default the same payload.</summary>
    internal static async Task EchoLoopAsync(Socket socket, CancellationToken token, Func<FrameHeader, FrameHeader> edit, bool closeTcp = true, Func<byte[], byte[]>? closeReply = null)
    {
        var parser = new FrameStreamParser();
        var pending = new Queue<Frame>();
        while (await RawServer.ReadFrameAsync(socket, parser, pending, token) is { } frame)
        {
            var payload = frame.Payload.ToArray();
            var header = new FrameHeader { Fin = frame.Header.Fin, Opcode = frame.Header.Opcode, PayloadLength = (ulong)payload.Length };
            if (frame.Header.Opcode == Opcode.Close)
            {
                var reply = closeReply?.Invoke(payload) ?? payload;
                await RawServer.SendFrameAsync(socket, header with { PayloadLength = (ulong)reply.Length }, reply, token);
                if (closeTcp)
                {
                    return;
                }

                await Task.Delay(Timeout.Infinite, token);
            }

            await RawServer.SendFrameAsync(socket, edit(header), payload, token);
        }
    }

    private Task<CaseResult> RunAsync(RawServer server, CaseDefinition definition) => RunAsync(server.Endpoint, definition);

    private async Task<CaseResult> RunAsync(Uri target, CaseDefinition definition)
    {
        var observation = await new CaseRunner(new RunOptions { Target = target }).RunAsync(definition, _timeout.Token);
        return Judge.Evaluate(definition, observation);
    }
}
