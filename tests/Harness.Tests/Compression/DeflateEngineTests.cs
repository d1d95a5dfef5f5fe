using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Conformance.Harness.Tests.Cases;
using Conformance.Harness.Tests.Engine;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Transport;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;

namespace Conformance.Harness.Tests.Compression;

/// <summary>The engine with permessage-deflate: the reference server passes, broken servers fail citing RFC 7692, a server without it is UNIMPLEMENTED.</summary>
public sealed class DeflateEngineTests : IDisposable
{
    private static readonly byte[] Probe = Utf8(string.Concat(Enumerable.Repeat("wsconform context takeover probe; ", 6)));

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData("compression.payload-json.16-bytes")]
    [InlineData("compression.payload-bitmap.8192-bytes-in-256-byte-frames")]
    [InlineData("compression.parameters-server-no-context-takeover-window-9.1024-bytes")]
    [InlineData("compression.parameters-fallback-offers.64-bytes")]
    [InlineData("compression.message.empty")]
    [InlineData("compression.message.fragmented")]
    [InlineData("compression.message.no-context-takeover-honoured")]
    [InlineData("compression.rsv1-on-ping")]
    [InlineData("compression.rsv1-on-continuation")]
    [InlineData("compression.offer-declined.server-window-bits-16")]
    [InlineData("compression.negotiation.no-client-window-bits-offered")]
    public async Task Compression_cases_pass_against_the_reference_server(string id)
    {
        var definition = Assert.Single(CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases, candidate => candidate.Id == id);
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, _timeout.Token);

        var result = await RunAsync(server.Endpoint, definition);

        Assert.True(result.Verdict == Verdict.Ok && result.CloseVerdict == CloseVerdict.Ok, $"{result.Verdict}/{result.CloseVerdict}: {result.Reason}");
    }

    [Fact]
    public async Task Compressed_round_trips_are_inflated_and_logged_beside_their_bytes()
    {
        var definition = Assert.Single(CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases, candidate => candidate.Id == "compression.payload-json.256-bytes");
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, _timeout.Token);

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Ok, result.Verdict);
        var messages = result.Observation.Events.OfType<ObservedMessage>().ToList();
        Assert.Equal(1000, messages.Count);
        Assert.All(messages, message => Assert.True(message.Compressed && message.Length == 256 && message.EchoOf is { Equal: true }));
        var received = result.Observation.Wire.OfType<FrameEntry>().First(frame => frame.Direction == WireDirection.Received && frame.Opcode == Opcode.Text);
        Assert.True(received.Header.Rsv1);
        Assert.Equal(256, received.Inflated?.Length);
        Assert.True(received.Payload.Length < 256);
        // The bulk transfer is not logged frame by frame.
        Assert.True(result.Observation.Wire.Count < 100, $"{result.Observation.Wire.Count} wire entries");
    }

    [Fact]
    public async Task A_server_without_permessage_deflate_is_unimplemented()
    {
        var definition = Assert.Single(CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases, candidate => candidate.Id == "compression.payload-json.16-bytes");
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/"), PerMessageDeflate = null }, null, _timeout.Token);

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Unimplemented, result.Verdict);
        Assert.Equal(CloseVerdict.Ok, result.CloseVerdict);
        Assert.Contains("RFC 7692 5", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Observation.Events);
    }

    [Fact]
    public async Task A_server_that_sets_rsv1_on_a_pong_fails_with_7692_6()
    {
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate",
            _ => [(new FrameHeader { Fin = true, Rsv1 = true, Opcode = Opcode.Pong }, Utf8("pong"))], token));

        var result = await RunAsync(server.Endpoint, DeflateCase(Send(Opcode.Text, Utf8("Hello"))));

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 6: the Per-Message Compressed bit (RSV1) MUST NOT be set on a control frame", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_keeps_its_context_after_agreeing_not_to_fails_with_7692_7_1_1_1()
    {
        using var deflater = DeflateServers.KeepingContext();
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate; server_no_context_takeover",
            _ => [DeflateServers.Compressed(deflater.Compress(Probe, endOfMessage: true).ToArray())], token));
        var definition = DeflateCase(Send(Opcode.Text, Probe), Send(Opcode.Text, Probe)) with
        {
            Handshake = new HandshakeSpec { Deflate = new DeflateOffer("permessage-deflate; server_no_context_takeover") },
        };

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 7.1.1.1", result.Reason, StringComparison.Ordinal);
        Assert.Equal((ushort)1002, result.Observation.HarnessCloseCode);
    }

    [Theory]
    [InlineData(PerMessageDeflate.MaxWindowBits, false)]
    [InlineData(9, true)]
    public async Task A_server_that_compresses_with_a_larger_window_than_it_agreed_fails_with_7692_7_1_2_1(int serverWindowBits, bool passes)
    {
        // It accepts server_max_window_bits=9 (512 bytes); with a 15-bit window its echo refers 1500 bytes back.
        using var deflater = new MessageDeflater(serverWindowBits, noContextTakeover: false);
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate; server_max_window_bits=9",
            frame => frame.Header.Opcode == Opcode.Text ? [DeflateServers.Compressed(deflater.Compress(FarRepeat, endOfMessage: true).ToArray())] : [], token));
        var definition = DeflateCase(Send(Opcode.Text, FarRepeat)) with
        {
            Handshake = new HandshakeSpec { Deflate = new DeflateOffer("permessage-deflate; server_max_window_bits=9") },
        };

        var result = await RunAsync(server.Endpoint, definition);

        if (passes)
        {
            Assert.Equal(Verdict.Ok, result.Verdict);
            return;
        }

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 7.1.2.1: a server that agreed to server_max_window_bits MUST NOT use an LZ77 sliding window longer than that", result.Reason, StringComparison.Ordinal);
        Assert.Equal((ushort)1002, result.Observation.HarnessCloseCode);
    }

    /// <summary>1500 letters that do not repeat nearby, twice: a 15-bit window compresses the second half as one far match.</summary>
    private static readonly byte[] FarRepeat = MakeFarRepeat();

    private static byte[] MakeFarRepeat()
    {
        var random = new Random(7);
        var half = Enumerable.Range(0, 1500).Select(_ => (byte)random.Next('a', 'z' + 1)).ToArray();
        return [.. half, .. half];
    }

    [Fact]
    public async Task A_server_whose_compressed_echo_is_not_flushed_fails_with_7692_7_2_1()
    {
        // Its message ends inside a stored block that announces 100 bytes: the appended 0x00 0x00 0xff 0xff cannot end it.
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate",
            frame => frame.Header.Opcode == Opcode.Text ? [DeflateServers.Compressed([0x00, 100, 0, 0x9B, 0xFF, .. Utf8("Hello")])] : [], token));

        var result = await RunAsync(server.Endpoint, DeflateCase(Send(Opcode.Text, Utf8("Hello"))));

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 7.2.1", result.Reason, StringComparison.Ordinal);
        Assert.Equal((ushort)1007, result.Observation.HarnessCloseCode);
    }

    [Fact]
    public async Task A_server_that_echoes_uncompressed_garbage_with_rsv1_fails_with_7692_7_2_2()
    {
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate",
            frame => [DeflateServers.Compressed([0xff, 0xfe, .. Utf8("Hello")])], token));

        var result = await RunAsync(server.Endpoint, DeflateCase(Send(Opcode.Text, Utf8("Hello"))));

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 7.2.2", result.Reason, StringComparison.Ordinal);
        Assert.Equal((ushort)1007, result.Observation.HarnessCloseCode);
    }

    [Fact]
    public async Task A_server_that_answers_a_parameter_not_offered_fails_with_7692_7_1()
    {
        await using var server = new RawServer((socket, token) => DeflateServers.RunAsync(socket, "permessage-deflate; client_max_window_bits=10", frame => [], token));
        var definition = DeflateCase(Send(Opcode.Text, Utf8("Hello"))) with { Handshake = new HandshakeSpec { Deflate = new DeflateOffer("permessage-deflate") } };

        var result = await RunAsync(server.Endpoint, definition);

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Contains("RFC 7692 7.1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("client_max_window_bits was not offered", result.Reason, StringComparison.Ordinal);
    }

    private static CaseDefinition DeflateCase(params Step[] steps) =>
        Make("compression.test", steps, [Outcome(Verdict.Ok, [.. steps.OfType<SendFrameStep>().Select(step => new ExpectedMessage(false, step.Frame.Payload))])], new CloseExpectation(Closer.Harness, [1000], RequireClean: false),
            handshake: new HandshakeSpec { Deflate = new DeflateOffer(DeflateOffer.DefaultOffer) });

    private async Task<CaseResult> RunAsync(Uri target, CaseDefinition definition)
    {
        var observation = await new CaseRunner(new RunOptions { Target = target }).RunAsync(definition, _timeout.Token);
        return Judge.Evaluate(definition, observation);
    }
}
