using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.Harness.Running.Machine;
using Conformance.ReferenceImpl.Framing;
using Xunit;
using static Conformance.Harness.Tests.Engine.TestCases;
using static Conformance.Harness.Tests.Machine.MachineRig;

namespace Conformance.Harness.Tests.Machine;

/// <summary>The case machine on a fake clock: steps, echoes, the close handshake as one state, and every deadline.</summary>
public sealed class CaseMachineTests
{
    [Fact]
    public void An_echo_case_closes_as_soon_as_the_echo_arrives_and_ends_clean()
    {
        using var rig = new MachineRig(EchoHello());
        rig.Start();
        Assert.Equal(Opcode.Text, Assert.Single(rig.Written).Header.Opcode);

        rig.Advance(5);
        rig.PeerSends(Server(Opcode.Text, "Hello"));
        Assert.Equal(ClosePhase.HarnessClosing, rig.Machine.Phase);
        Assert.Equal([0x03, 0xE8], rig.Written[^1].Payload.ToArray());

        rig.PeerSends(Close(1000));
        Assert.Equal(ClosePhase.BothClosed, rig.Machine.Phase);
        rig.PeerCloses();

        var observation = rig.Complete();
        Assert.True(observation.WasClean);
        Assert.Equal(Closer.Harness, observation.ClosedBy);
        Assert.Equal((ushort)1000, observation.PeerCloseCode);
        Assert.False(observation.TimedOut);
    }

    [Fact]
    public void A_peer_that_never_answers_the_close_frame_is_dropped_after_the_close_handshake_timeout()
    {
        using var rig = new MachineRig(EchoHello());
        rig.Start();
        rig.PeerSends(Server(Opcode.Text, "Hello"));

        rig.Advance(999);
        Assert.Null(rig.Dropped);
        rig.Advance(1);

        Assert.Equal("close handshake timeout", rig.Dropped?.Reason);
        var observation = rig.Complete();
        Assert.True(observation.CloseHandshakeTimeout);
        Assert.True(observation.DroppedByHarness);
        Assert.False(observation.PeerSentClose);
        Assert.Equal("the peer did not answer the harness's close within 1000 ms", observation.NotCleanReason);
    }

    [Fact]
    public void A_server_that_keeps_tcp_open_after_the_close_handshake_is_dropped_after_the_server_drop_timeout()
    {
        using var rig = new MachineRig(EchoHello(), new MachineSettings { ServerDropTimeout = TimeSpan.FromMilliseconds(700) });
        rig.Start();
        rig.PeerSends(Server(Opcode.Text, "Hello"), Close(1000));

        rig.AdvanceToDeadline();

        Assert.Equal(TimeSpan.FromMilliseconds(700), rig.Now);
        Assert.Equal("server drop timeout", rig.Dropped?.Reason);
        var observation = rig.Complete();
        Assert.True(observation.ServerDropTimeout);
        Assert.False(observation.WasClean);
    }

    [Fact]
    public void A_silent_peer_gets_close_1001_at_the_deadline_with_on_timeout_fail()
    {
        using var rig = new MachineRig(EchoHello() with { Timeout = TimeSpan.FromSeconds(2) });
        rig.Start();

        rig.Advance(1999);
        Assert.Single(rig.Written);
        rig.Advance(1);

        Assert.Equal([0x03, 0xE9], rig.Written[^1].Payload[..2].ToArray());
        var observation = rig.Complete();
        Assert.True(observation.TimedOut);
        Assert.True(observation.FailedByHarness);
        Assert.Equal((ushort)1001, observation.HarnessCloseCode);
    }

    [Fact]
    public void With_on_timeout_close_the_deadline_sends_a_close_without_a_code()
    {
        using var rig = new MachineRig(EchoHello() with { OnTimeout = TimeoutAction.Close });
        rig.Start();

        rig.AdvanceToDeadline();

        var close = rig.Written[^1];
        Assert.Equal(Opcode.Close, close.Header.Opcode);
        Assert.Equal(0, close.Payload.Length);
        Assert.False(rig.Complete().FailedByHarness);
    }

    [Fact]
    public void A_peer_that_closes_first_gets_its_code_echoed_and_is_the_closer()
    {
        using var rig = new MachineRig(EchoHello());
        rig.Start();

        rig.PeerSends(Close(1002));

        Assert.Equal([0x03, 0xEA], rig.Written[^1].Payload.ToArray());
        Assert.Equal(ClosePhase.BothClosed, rig.Machine.Phase);
        rig.PeerCloses();
        var observation = rig.Complete();
        Assert.Equal(Closer.Peer, observation.ClosedBy);
        Assert.False(observation.HarnessClosedFirst);
        Assert.True(observation.WasClean);
    }

    [Fact]
    public void On_the_server_side_the_harness_closes_tcp_itself_once_the_close_handshake_is_done()
    {
        // RFC 6455 7.1.1: the server closes the TCP connection first; the same case, with the harness as the server.
        using var rig = new MachineRig(EchoHello(), new MachineSettings { HarnessRole = ReferenceImpl.Protocol.Role.Server });
        rig.Start();
        rig.PeerSends(Server(Opcode.Text, Utf8("Hello"), masked: true));

        rig.PeerSends(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Close, Masked = true, MaskKey = 7, PayloadLength = 2 }, [0x03, 0xE8]));

        Assert.Equal(ClosePhase.Ended, rig.Machine.Phase);
        Assert.NotNull(rig.Dropped);
        var observation = rig.Complete();
        Assert.Empty(observation.Violations);
        Assert.True(observation.WasClean);
        Assert.False(observation.DroppedByHarness);
    }

    [Fact]
    public void A_close_frame_with_a_code_not_allowed_on_the_wire_is_cited_by_its_wire_entry()
    {
        // RFC 6455 7.4.1: 999 is never sent; the breach is known once the whole close frame was read.
        using var rig = new MachineRig(EchoHello());
        rig.Start();
        rig.PeerSends(Close(999));

        var violation = Assert.Single(rig.Complete().Violations);
        Assert.Equal("RFC 6455 7.4.1", violation.Section);
        Assert.True(violation.WireIndex >= 0);
        Assert.StartsWith($"frame #{violation.WireIndex} (received) close", violation.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_server_side_the_harness_answers_pings_and_closes_with_unmasked_frames()
    {
        // RFC 6455 5.1: a server MUST NOT mask any frame it sends; the harness's own pongs and closes follow its role.
        using var rig = new MachineRig(EchoHello() with { Steps = [] }, new MachineSettings { HarnessRole = ReferenceImpl.Protocol.Role.Server });
        rig.Start();
        rig.PeerSends(Server(Opcode.Ping, Utf8("hi"), masked: true));
        rig.AdvanceToDeadline();

        Assert.Equal([Opcode.Pong, Opcode.Close], rig.Written.Select(frame => frame.Header.Opcode));
        Assert.All(rig.Written, frame => Assert.False(frame.Header.Masked));
    }

    [Fact]
    public void On_the_server_side_a_client_that_masks_every_frame_with_the_zero_key_breaks_5_3()
    {
        using var rig = new MachineRig(EchoHello() with { Steps = [] }, new MachineSettings { HarnessRole = ReferenceImpl.Protocol.Role.Server });
        rig.Start();
        var zeroKey = new FrameHeader { Fin = true, Opcode = Opcode.Ping, Masked = true, MaskKey = 0, PayloadLength = 1 };
        rig.PeerSends(FrameWriter.ToBytes(zeroKey, [1]), FrameWriter.ToBytes(zeroKey, [2]), FrameWriter.ToBytes(zeroKey, [3]));

        var violation = Assert.Single(rig.Complete().Violations);
        Assert.Equal("RFC 6455 5.3", violation.Section);
        Assert.Contains("3 frames with the all-zero key", violation.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_with_a_mark_records_the_mark_only_while_the_connection_is_open()
    {
        var definition = Make("pause", [Pause(1000, "A"), Pause(1000, "B")], [Outcome(Verdict.Ok, new ExpectedMark("A"))], PeerFails(1007), TimeSpan.FromSeconds(5));
        using var rig = new MachineRig(definition);
        rig.Start();

        rig.AdvanceToDeadline();
        Assert.Equal("A", Assert.IsType<ObservedMark>(Assert.Single(rig.Machine.Events)).Name);
        rig.PeerSends(Close(1007));
        rig.Advance(1000);

        Assert.Single(rig.Machine.Events);
    }

    [Fact]
    public void An_echo_of_the_wrong_type_settles_the_case_at_once_instead_of_waiting_for_the_deadline()
    {
        using var rig = new MachineRig(EchoHello() with { Timeout = TimeSpan.FromSeconds(100) });
        rig.Start();

        rig.PeerSends(Server(Opcode.Binary, "Hello"));

        Assert.Equal(Opcode.Close, rig.Written[^1].Header.Opcode);
        Assert.Equal(TimeSpan.Zero, rig.Now);
        var observation = rig.Complete();
        Assert.True(observation.Settled);
        Assert.False(observation.TimedOut);
    }

    [Fact]
    public void Keepalive_pings_are_answered_and_unsolicited_pongs_ignored_without_becoming_events()
    {
        using var rig = new MachineRig(EchoHello());
        rig.Start();

        rig.PeerSends(Server(Opcode.Ping, "keepalive"), Server(Opcode.Pong, "heartbeat"), Server(Opcode.Text, "Hello"));

        Assert.Contains(rig.Written, frame => frame.Header.Opcode == Opcode.Pong && frame.Payload.Span.SequenceEqual("keepalive"u8));
        Assert.IsType<ObservedMessage>(Assert.Single(rig.Machine.Events));
        Assert.Equal(ClosePhase.HarnessClosing, rig.Machine.Phase);
    }

    [Fact]
    public void A_case_about_pongs_counts_the_pong_answering_its_ping_but_not_one_before_it()
    {
        var definition = Make("ping", [Send(Opcode.Ping, Utf8("p"))], [Outcome(Verdict.Ok, new ExpectedPong(Utf8("p")))], new CloseExpectation(Closer.Harness, [1000], RequireClean: true));
        using var rig = new MachineRig(definition);

        rig.PeerSends(Server(Opcode.Pong, "early"));
        rig.Start();
        rig.PeerSends(Server(Opcode.Pong, "p"));

        Assert.Equal("p"u8.ToArray(), Assert.IsType<ObservedPong>(Assert.Single(rig.Machine.Events)).Payload);
    }

    [Fact]
    public void A_ping_flood_is_answered_with_the_latest_pong_and_the_wire_log_stays_bounded()
    {
        using var rig = new MachineRig(EchoHello() with { Timeout = TimeSpan.FromSeconds(60) });
        rig.Start();

        // The harness writes one pong at a time: while one is on its way, newer pings replace the queued answer.
        rig.Pump(hold: true);
        for (var i = 0; i < 20_000; i++)
        {
            rig.Machine.Receive(Server(Opcode.Ping, $"{i}"), rig.Now);
            rig.Pump(hold: true);
        }

        rig.Pump();
        Assert.Equal("19999"u8.ToArray(), rig.Written[^1].Payload.ToArray());
        Assert.True(rig.Written.Count < 10, $"{rig.Written.Count} frames written");
        Assert.True(rig.Complete().Wire.Count <= WireLog.MaxEntries + 1);
    }

    [Fact]
    public void A_breach_fails_the_connection_with_its_code_and_later_frames_are_not_events()
    {
        using var rig = new MachineRig(EchoHello());
        rig.Start();

        rig.PeerSends(Server(Opcode.Text, Utf8("Hello"), masked: true), Server(Opcode.Text, "Hello"));

        Assert.Equal([0x03, 0xEA], rig.Written[^1].Payload.ToArray());
        Assert.Empty(rig.Machine.Events);
        var observation = rig.Complete();
        Assert.True(observation.FailedByHarness);
        var violation = Assert.Single(observation.Violations);
        Assert.Equal("RFC 6455 5.1", violation.Section);
        Assert.True(violation.WireIndex >= 0);
    }

    [Fact]
    public void A_chopped_write_waits_its_delay_between_pieces()
    {
        var step = Send(Opcode.Text, Utf8("Hello"), chop: new Chop(2, TimeSpan.FromMilliseconds(50)));
        using var rig = new MachineRig(Make("chop", [step], [Outcome(Verdict.Ok, Text("Hello"))], new CloseExpectation(Closer.Harness, [1000], true)));
        rig.Start();

        Assert.Empty(rig.Written);
        Assert.Equal(TimeSpan.FromMilliseconds(50), rig.Machine.NextDeadline);
        for (var i = 0; i < 5; i++)
        {
            rig.AdvanceToDeadline();
        }

        Assert.Equal("Hello"u8.ToArray(), Assert.Single(rig.Written).Payload.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(250), rig.Now);
    }

    [Fact]
    public void Round_trips_send_the_next_message_only_after_the_echo_and_compare_it_byte_for_byte()
    {
        var trips = new RoundTripStep(new FrameSpec { Opcode = (byte)Opcode.Binary, Payload = [1, 2, 3] }, 3, Here);
        var definition = Make("trips", [trips], [Outcome(Verdict.Ok, new ExpectedEcho(true), new ExpectedEcho(true), new ExpectedEcho(true))], new CloseExpectation(Closer.Harness, [1000], true));
        using var rig = new MachineRig(definition);
        rig.Start();

        Assert.Single(rig.Written);
        rig.PeerSends(Server(Opcode.Binary, [1, 2, 3]));
        Assert.Equal(2, rig.Written.Count);
        rig.PeerSends(Server(Opcode.Binary, [1, 2, 4]));

        var echo = Assert.IsType<ObservedMessage>(rig.Machine.Events[^1]).EchoOf!;
        Assert.False(echo.Equal);
        Assert.Equal(2, echo.FirstDifference);
        Assert.True(rig.Complete().Settled);
    }
}
