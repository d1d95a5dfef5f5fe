using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Framing;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;

namespace Conformance.Harness.Tests.Engine;

/// <summary>
/// Servers that each break one rule the first engine let through, and servers that do something odd but legal that it
/// failed. Each broken one must be FAILED citing its rule; each legal one must not be.
/// </summary>
public sealed class VerdictFixTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task A_server_whose_handler_dies_after_a_frame_it_cannot_parse_is_failed_under_7_1_7()
    {
        // Reads the reserved-opcode frame, then neither closes nor answers: the connection just stalls.
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await socket.ReceiveAsync(new byte[256], token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var definition = Make("opcodes.reserved-3", [Send((byte)3, [])], [Outcome(Verdict.Ok)], PeerFails(1002));

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal(CloseVerdict.Failed, result.CloseVerdict);
        Assert.Contains("RFC 6455 7.1.7", result.Reason, StringComparison.Ordinal);
        Assert.Contains("the peer never failed the connection", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_a_close_frame_is_failed_under_5_5_1()
    {
        // Echoes data, ignores close frames, keeps TCP open.
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            var parser = new FrameStreamParser();
            var pending = new Queue<Frame>();
            while (await RawServer.ReadFrameAsync(socket, parser, pending, token) is { } frame)
            {
                if (frame.Header.Opcode is Opcode.Text or Opcode.Binary)
                {
                    await RawServer.SendFrameAsync(socket, new FrameHeader { Fin = true, Opcode = frame.Header.Opcode, PayloadLength = (ulong)frame.Payload.Length }, frame.Payload.ToArray(), token);
                }
            }
        });

        var result = await RunAsync(server.Endpoint, EchoHello());

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 6455 5.5.1: an endpoint that receives a Close frame MUST send a Close frame in response", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Observation.CloseHandshakeTimeout);
    }

    [Fact]
    public async Task A_server_that_answers_a_one_byte_close_payload_with_an_empty_close_is_failed_under_7_4_1()
    {
        // Autobahn 7.3.2: the close payload is one byte; the peer must fail with 1002, and an empty close is not 1002.
        await using var server = new RawServer((socket, token) => BrokenServerTests.EchoAsync(socket, token, header => header, closeReply: _ => []));
        var definition = Make("close.payload-1-byte", [Send(Opcode.Close, [0x03])], [Outcome(Verdict.Ok)],
            new CloseExpectation(Closer.Harness, [1002], RequireClean: false, WrongCodeFails: true));

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal(CloseVerdict.WrongCode, result.CloseVerdict);
        Assert.Contains("RFC 6455 7.4.1: the peer closed without a status code, expected 1002", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_pings_at_once_and_sends_an_unsolicited_pong_passes_an_echo_case()
    {
        // A keepalive ping right after the handshake and one unsolicited pong: both allowed (RFC 6455 5.5.2, 5.5.3).
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.AcceptHandshakeAsync(socket, token);
            await RawServer.SendFrameAsync(socket, new FrameHeader { Fin = true, Opcode = Opcode.Ping, PayloadLength = 4 }, Utf8("beat"), token);
            await RawServer.SendFrameAsync(socket, new FrameHeader { Fin = true, Opcode = Opcode.Pong, PayloadLength = 2 }, Utf8("hb"), token);
            await BrokenServerTests.EchoLoopAsync(socket, token, header => header);
        });

        var result = await RunAsync(server.Endpoint, EchoHello());

        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal(CloseVerdict.Ok, result.CloseVerdict);
        Assert.Contains(result.Observation.Wire.OfType<Observing.FrameEntry>(), frame => frame.Direction == Observing.WireDirection.Sent && frame.Opcode == Opcode.Pong);
    }

    [Fact]
    public async Task A_server_that_answers_the_handshake_after_3_seconds_is_slow_not_unreachable()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), token);
            await BrokenServerTests.EchoAsync(socket, token, header => header);
        });
        var cases = Enumerable.Range(0, 4).Select(i => EchoHello($"echo-{i}"))
            .Append(Make("opcodes.reserved-3", [Send((byte)3, [])], [Outcome(Verdict.Ok)], PeerFails(1002)))
            .ToList();

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint }, parallel: 8).RunAllAsync(cases, null, _timeout.Token);

        Assert.Equal(5, results.Count);
        Assert.DoesNotContain(results, result => result.Reason.Contains("unreachable", StringComparison.Ordinal));
        Assert.All(results.Where(result => result.Id.StartsWith("echo-", StringComparison.Ordinal)), result => Assert.Equal(Verdict.Ok, result.Verdict));
    }

    [Fact]
    public async Task A_server_whose_101_carries_a_wrong_accept_is_reachable_and_every_case_fails_under_4_1()
    {
        await using var server = new RawServer(async (socket, token) =>
        {
            await RawServer.ReadHeadAsync(socket, token);
            await socket.SendAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"u8.ToArray(), token);
            await Task.Delay(500, token);
        });
        var cases = Enumerable.Range(0, 6).Select(i => EchoHello($"echo-{i}")).ToList();

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint }, parallel: 2).RunAllAsync(cases, null, _timeout.Token);

        Assert.Equal(6, results.Count);
        Assert.All(results, result =>
        {
            Assert.Equal(Verdict.Failed, result.Verdict);
            Assert.Contains("RFC 6455 4.1", result.Reason, StringComparison.Ordinal);
            Assert.Contains("Sec-WebSocket-Accept", result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("unreachable", result.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_server_that_serves_a_page_to_a_get_without_upgrade_has_not_upgraded_and_passes()
    {
        // As autobahn-python does: a plain GET gets its web page (200); only a 101 there would break the RFC.
        await using var server = new RawServer(async (socket, token) =>
        {
            var head = await RawServer.ReadHeadAsync(socket, token) ?? string.Empty;
            if (!head.Contains("Upgrade:", StringComparison.OrdinalIgnoreCase))
            {
                await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello"u8.ToArray(), token);
            }
        });

        var result = await RunAsync(server.Endpoint, Catalogue("handshake.missing-upgrade"));

        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal(CloseVerdict.Ok, result.CloseVerdict);
    }

    [Fact]
    public async Task A_server_that_refuses_a_broken_handshake_with_an_unsuggested_error_is_non_strict_and_one_that_upgrades_it_failed()
    {
        await using var refusing = new RawServer(async (socket, token) =>
        {
            await RawServer.ReadHeadAsync(socket, token);
            await socket.SendAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), token);
        });
        await using var upgrading = new RawServer(async (socket, token) =>
        {
            await RawServer.ReadHeadAsync(socket, token);
            await socket.SendAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"u8.ToArray(), token);
        });

        var refused = await RunAsync(refusing.Endpoint, Catalogue("handshake.missing-key"));
        var upgraded = await RunAsync(upgrading.Endpoint, Catalogue("handshake.missing-key"));

        Assert.Equal(Verdict.NonStrict, refused.Verdict);
        Assert.Contains("refused with 403", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Failed, upgraded.Verdict);
        Assert.Contains("the server upgraded (101) a request it must refuse", upgraded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_accepts_1000_header_fields_is_recorded_not_failed()
    {
        // No RFC requires refusing a large handshake (RFC 6585 5 only defines 431 for a server that does).
        await using var server = new RawServer((socket, token) => BrokenServerTests.EchoAsync(socket, token, header => header));

        var result = await RunAsync(server.Endpoint, Catalogue("handshake.oversized-header-count-1000"));

        Assert.Equal(Verdict.Informational, result.Verdict);
    }

    [Fact]
    public async Task A_case_that_timed_out_while_a_single_threaded_server_was_busy_runs_again_alone_and_passes()
    {
        // One connection at a time, like a single-threaded event loop: the "slow" case holds it for 1.5 s, so a 1 s case
        // queued behind it misses its deadline among the others, and passes alone.
        using var busy = new SemaphoreSlim(1, 1);
        await using var server = new RawServer(async (socket, token) =>
        {
            var head = await RawServer.ReadHeadAsync(socket, token) ?? string.Empty;
            await RawServer.AnswerHandshakeAsync(socket, head, token);
            var first = new byte[1];
            await socket.ReceiveAsync(first, SocketFlags.Peek, token);
            await busy.WaitAsync(token);
            try
            {
                if (head.Contains("X-Slow", StringComparison.Ordinal))
                {
                    await Task.Delay(1500, token);
                }

                await BrokenServerTests.EchoLoopAsync(socket, token, header => header);
            }
            finally
            {
                busy.Release();
            }
        });
        var slow = EchoHello("slow") with { Timeout = TimeSpan.FromSeconds(5), Handshake = new HandshakeSpec { AddHeaders = [new("X-Slow", "1")] } };
        var cases = new[] { slow, EchoHello("quick") with { Steps = [Pause(100), .. EchoHello().Steps] } };

        var results = await new CatalogueRunner(new RunOptions { Target = server.Endpoint }, parallel: 2).RunAllAsync(cases, null, _timeout.Token);

        var quick = Assert.Single(results, result => result.Id == "quick");
        Assert.Equal(Verdict.Ok, quick.Verdict);
        Assert.Contains(quick.Observation.Wire.OfType<Observing.NoteEntry>(), note => note.Text.StartsWith("run again alone", StringComparison.Ordinal));
    }

    private static CaseDefinition Catalogue(string id) =>
        Assert.Single(Conformance.Harness.Cases.Loading.CaseLoader.LoadDirectory(Conformance.Harness.Tests.Cases.RepositoryPaths.Cases).Cases, candidate => candidate.Id == id);

    private async Task<CaseResult> RunAsync(Uri target, CaseDefinition definition)
    {
        var observation = await new CaseRunner(new RunOptions { Target = target }).RunAsync(definition, _timeout.Token);
        return Judge.Evaluate(definition, observation);
    }
}
