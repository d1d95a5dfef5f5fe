using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Transport;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;

namespace Conformance.Harness.Tests.Engine;

/// <summary>Case shapes against the embedded reference server, which must pass them all.</summary>
public sealed class ReferenceServerCaseTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ReferenceServer? _server;

    public async Task InitializeAsync() =>
        _server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, _timeout.Token);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _timeout.Dispose();
    }

    [Fact]
    public async Task Echo_of_a_text_message_is_ok_and_closes_cleanly()
    {
        var result = await RunAsync(EchoHello());

        AssertOk(result);
        Assert.Equal((ushort)1000, result.RemoteCloseCode);
        Assert.True(result.Observation.WasClean);
        Assert.Equal(Closer.Harness, result.Observation.ClosedBy);
        // Early close: no waiting for the 1 s deadline.
        Assert.True(result.DurationMs < 900, $"took {result.DurationMs} ms");
        var frames = result.Observation.Wire.OfType<FrameEntry>().ToList();
        Assert.Contains(frames, frame => frame.Direction == WireDirection.Sent && frame.Opcode == Opcode.Text && frame.Masked && frame.HeaderBytes.Length == 6);
        Assert.Contains(frames, frame => frame.Direction == WireDirection.Received && frame.Opcode == Opcode.Text && !frame.Masked);
    }

    [Fact]
    public async Task Ping_is_answered_with_a_pong()
    {
        var definition = Make("pings.payload", [Send(Opcode.Ping, Utf8("ping payload"))],
            [Outcome(Verdict.Ok, new ExpectedPong(Utf8("ping payload")))], new CloseExpectation(Closer.Harness, [1000], true));

        AssertOk(await RunAsync(definition));
    }

    [Fact]
    public async Task Reserved_opcode_makes_the_peer_fail_the_connection_with_1002()
    {
        var definition = Make("opcodes.reserved-3", [Send(3, [])], [Outcome(Verdict.Ok)], PeerFails(1002));

        var result = await RunAsync(definition);

        AssertOk(result);
        Assert.Equal((ushort)1002, result.RemoteCloseCode);
        Assert.Equal(Closer.Peer, result.Observation.ClosedBy);
    }

    [Fact]
    public async Task Non_strict_shape_gives_ok_when_the_valid_message_is_echoed_first()
    {
        // Autobahn 4.1.3 shape: a valid message, a reserved opcode, a ping.
        var definition = Make("opcodes.reserved-after-message",
            [Send(Opcode.Text, Utf8("hello")), Send(5, []), Send(Opcode.Ping, [])],
            [Outcome(Verdict.Ok, Text("hello")), Outcome(Verdict.NonStrict)], PeerFails(1002));

        AssertOk(await RunAsync(definition));
    }

    [Fact]
    public async Task Ping_between_fragments_is_answered_and_the_message_echoed()
    {
        var definition = Make("fragmentation.ping-between",
            [Send(Opcode.Text, Utf8("fragment1"), fin: false), Send(Opcode.Ping, Utf8("ping payload")), Send(Opcode.Continuation, Utf8("fragment2"))],
            [Outcome(Verdict.Ok, new ExpectedPong(Utf8("ping payload")), Text("fragment1fragment2"))],
            new CloseExpectation(Closer.Harness, [1000], true));

        AssertOk(await RunAsync(definition));
    }

    [Fact]
    public async Task Utf8_fail_fast_shape_with_pauses_and_marks_is_ok_after_one_pause()
    {
        var definition = Utf8FailFast();

        var result = await RunAsync(definition);

        AssertOk(result);
        Assert.Equal((ushort)1007, result.RemoteCloseCode);
        Assert.Equal([new ObservedMark("A", 0).Name], result.Observation.Events.OfType<ObservedMark>().Select(mark => mark.Name));
    }

    [Fact]
    public async Task Version_8_is_refused_with_426_and_the_supported_version()
    {
        var handshake = new HandshakeSpec
        {
            SetHeaders = [new("Sec-WebSocket-Version", "8")],
            ExpectStatus = [426],
            ExpectHeaders = [new("Sec-WebSocket-Version", "13")],
        };
        var definition = Make("handshake.version-8", [], [], new CloseExpectation(Closer.Harness, [1000], false), handshake: handshake);

        var result = await RunAsync(definition);

        AssertOk(result);
        Assert.Equal(426, result.Observation.Response?.StatusCode);
        Assert.Contains("Sec-WebSocket-Version: 8", result.Observation.HandshakeRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_runs_every_case_in_parallel_and_reports_each_as_it_finishes()
    {
        var cases = new List<CaseDefinition> { Utf8FailFast("utf8.fail-fast-1"), Utf8FailFast("utf8.fail-fast-2"), EchoHello("a"), EchoHello("b") };
        for (var i = 0; i < 8; i++)
        {
            cases.Add(EchoHello($"echo-{i}"));
        }

        var seen = new List<string>();
        var results = await new CatalogueRunner(new RunOptions { Target = _server!.Endpoint }).RunAllAsync(cases, result => seen.Add(result.Id), _timeout.Token);

        Assert.Equal(cases.Count, results.Count);
        Assert.Equal(cases.Count, seen.Count);
        Assert.All(results, AssertOk);
    }

    /// <summary>Autobahn 6.4.1 shape: valid part, pause (mark A), invalid part, pause (mark B), rest.</summary>
    private static CaseDefinition Utf8FailFast(string id = "utf8.fail-fast.frames") => Make(id,
        [
            Send(Opcode.Text, Convert.FromHexString("cebae1bdb9cf83cebcceb5"), fin: false),
            Pause(1000, "A"),
            Send(Opcode.Continuation, Convert.FromHexString("f4908080"), fin: false),
            Pause(1000, "B"),
            Send(Opcode.Continuation, Utf8("edited")),
        ],
        [Outcome(Verdict.Ok, new ExpectedMark("A")), Outcome(Verdict.NonStrict, new ExpectedMark("A"), new ExpectedMark("B"))],
        PeerFails(1007) with { HarnessClosingFails = true },
        timeout: TimeSpan.FromSeconds(4));

    private static void AssertOk(CaseResult result)
    {
        Assert.True(result.Verdict == Verdict.Ok && result.CloseVerdict == CloseVerdict.Ok, $"{result.Id}: {result.Verdict}/{result.CloseVerdict}: {result.Reason}");
        Assert.Empty(result.Violations);
    }

    private async Task<CaseResult> RunAsync(CaseDefinition definition)
    {
        var observation = await new CaseRunner(new RunOptions { Target = _server!.Endpoint }).RunAsync(definition, _timeout.Token);
        return Judge.Evaluate(definition, observation);
    }
}
