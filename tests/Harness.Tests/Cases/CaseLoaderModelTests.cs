using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Framing;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class CaseLoaderModelTests
{
    [Fact]
    public void The_readme_example_loads_to_the_expected_model()
    {
        var definition = Assert.Single(CaseText.LoadAll("""
            id: fragmentation.ping-between-fragments
            title: A ping between the fragments of a text message is answered, the message echoed
            spec: [RFC 6455 5.4, RFC 6455 5.5.2]
            level: MUST
            autobahn: "5.6"
            stimulus: Sends text fragment 1 (FIN clear), a ping, then the final continuation fragment.
            requirement: The peer answers the ping with a pong carrying its payload and echoes the whole message.
            steps:
              - send: { opcode: text, fin: false, payload: "fragment1" }
              - send: { opcode: ping, payload: "ping payload" }
              - send: { opcode: continuation, payload: "fragment2" }
            expect:
              OK:
                - pong: "ping payload"
                - message: text
                  payload: "fragment1fragment2"
            close: { by: harness, codes: [1000], clean: true }
            timeout: 1s
            on-timeout: fail
            """));

        Assert.Equal("fragmentation.ping-between-fragments", definition.Id);
        Assert.Equal("fragmentation", definition.Area);
        Assert.Equal(["RFC 6455 5.4", "RFC 6455 5.5.2"], definition.Spec);
        Assert.Equal(RequirementLevel.Must, definition.Level);
        Assert.Equal("5.6", definition.Autobahn);
        Assert.Equal(new SourceLocation(CaseText.File, 1, 5), definition.Source);
        Assert.Null(definition.Handshake);
        Assert.Equal(3, definition.Steps.Count);
        var first = Assert.IsType<SendFrameStep>(definition.Steps[0]);
        Assert.Equal((byte)Opcode.Text, first.Frame.Opcode);
        Assert.False(first.Frame.Fin);
        Assert.Equal("fragment1"u8.ToArray(), first.Frame.Payload);
        Assert.True(first.Frame.Masked);
        Assert.Null(first.Frame.MaskKey);
        Assert.Null(first.Chop);
        Assert.Equal(new SourceLocation(CaseText.File, 9, 5), first.Source);
        Assert.Equal((byte)Opcode.Continuation, Assert.IsType<SendFrameStep>(definition.Steps[2]).Frame.Opcode);
        var (verdict, events) = Assert.Single(definition.Outcomes);
        Assert.Equal(Verdict.Ok, verdict);
        Assert.Equal("ping payload"u8.ToArray(), Assert.IsType<ExpectedPong>(events[0]).Payload);
        var message = Assert.IsType<ExpectedMessage>(events[1]);
        Assert.False(message.Binary);
        Assert.Equal("fragment1fragment2"u8.ToArray(), message.Payload);
        Assert.Equal(Closer.Harness, definition.Close.By);
        Assert.True(definition.Close.RequireClean);
        Assert.Equal([(ushort)1000], definition.Close.Codes);
        Assert.Equal(TimeSpan.FromSeconds(1), definition.Timeout);
        Assert.Equal(TimeoutAction.Fail, definition.OnTimeout);
        Assert.False(definition.Informational);
    }

    [Theory]
    [InlineData("spec: [RFC 6455 5.4]", "RFC 6455 5.4")]
    [InlineData("spec: [RFC6455 5.4]", "RFC 6455 5.4")]
    [InlineData("spec: [RFC7692 7.2.3.6]", "RFC 7692 7.2.3.6")]
    [InlineData("spec: [\"RFC3629 4 (UTF-8)\"]", "RFC 3629 4 (UTF-8)")]
    public void Spec_sections_load_spelt_with_a_space_after_rfc(string line, string section)
    {
        var definition = Assert.Single(CaseText.LoadAll(CaseText.Header.Replace("spec: [RFC 6455 5.2]", line, StringComparison.Ordinal) + "steps: []\n" + CaseText.EchoEnd));

        Assert.Equal([section], definition.Spec);
    }

    [Fact]
    public void Frame_fields_all_load()
    {
        var step = Assert.IsType<SendFrameStep>(CaseText.LoadStep(
            "send: { opcode: 11, fin: false, rsv: 4, payload: { hex: \"00ff\" }, mask: 37fa213d, length: 300, length-form: 64, chop: 1, chop-delay: 250ms }"));

        Assert.Equal(11, step.Frame.Opcode);
        Assert.False(step.Frame.Fin);
        Assert.Equal(4, step.Frame.Rsv);
        Assert.Equal(new byte[] { 0x00, 0xff }, step.Frame.Payload);
        Assert.True(step.Frame.Masked);
        Assert.Equal(0x37fa213du, step.Frame.MaskKey);
        Assert.Equal(300ul, step.Frame.LengthOverride);
        Assert.Equal(LengthEncoding.Bits64, step.Frame.LengthForm);
        Assert.Equal(new Chop(1, TimeSpan.FromMilliseconds(250)), step.Chop);
    }

    [Theory]
    [InlineData("continuation", 0)]
    [InlineData("text", 1)]
    [InlineData("binary", 2)]
    [InlineData("close", 8)]
    [InlineData("ping", 9)]
    [InlineData("pong", 10)]
    [InlineData("3", 3)]
    [InlineData("15", 15)]
    public void Opcodes_load_by_name_or_number(string opcode, byte expected) =>
        Assert.Equal(expected, Assert.IsType<SendFrameStep>(CaseText.LoadStep($"send: {{ opcode: {opcode} }}")).Frame.Opcode);

    [Fact]
    public void Frame_defaults_are_a_conformant_client_frame()
    {
        var frame = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: binary }")).Frame;

        Assert.True(frame.Fin);
        Assert.Equal(0, frame.Rsv);
        Assert.Empty(frame.Payload);
        Assert.True(frame.Masked);
        Assert.Null(frame.MaskKey);
        Assert.Null(frame.LengthOverride);
        Assert.Equal(LengthEncoding.Minimal, frame.LengthForm);
    }

    [Fact]
    public void Mask_false_and_an_all_digit_key_load()
    {
        Assert.False(Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, mask: false }")).Frame.Masked);
        Assert.Equal(0x12345678u, Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, mask: 12345678 }")).Frame.MaskKey);
    }

    [Fact]
    public void Slice_loads_with_a_fixed_key_and_chop_0_is_one_write()
    {
        var step = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, payload: abc, mask: 0a0b0c0d, slice: [2, 9], chop: 0 }"));

        Assert.Equal(2, step.Frame.SliceFrom);
        Assert.Equal(9, step.Frame.SliceTo);
        Assert.Null(step.Chop);
    }

    [Fact]
    public void Send_all_loads_its_frames_and_chop()
    {
        var step = Assert.IsType<SendFramesStep>(CaseText.LoadStep(
            "send-all: { frames: [ { opcode: text, fin: false, payload: a }, { opcode: continuation, payload: b } ], chop: 3 }"));

        Assert.Equal(2, step.Frames.Count);
        Assert.False(step.Frames[0].Fin);
        Assert.Equal("b"u8.ToArray(), step.Frames[1].Payload);
        Assert.Equal(new Chop(3, TimeSpan.Zero), step.Chop);
    }

    [Fact]
    public void Raw_loads_its_bytes()
    {
        var step = Assert.IsType<SendRawStep>(CaseText.LoadStep("raw: { bytes: { hex: \"81 05\" }, chop: 1, chop-delay: 1.5s }"));

        Assert.Equal(new byte[] { 0x81, 0x05 }, step.Bytes);
        Assert.Equal(new Chop(1, TimeSpan.FromSeconds(1.5)), step.Chop);
    }

    [Fact]
    public void Pause_loads_in_both_forms()
    {
        Assert.Equal(new PauseStep(TimeSpan.FromMilliseconds(250), null, new SourceLocation(CaseText.File, 8, 5)), CaseText.LoadStep("pause: 250ms"));
        var marked = Assert.IsType<PauseStep>(CaseText.LoadStep("pause: { duration: 1s, mark: after-ping }"));
        Assert.Equal(TimeSpan.FromSeconds(1), marked.Duration);
        Assert.Equal("after-ping", marked.Mark);
    }

    [Fact]
    public void Close_step_loads_in_all_three_forms()
    {
        Assert.Equal((ushort)1000, Assert.IsType<CloseStep>(CaseText.LoadStep("close: 1000")).Code);
        var none = Assert.IsType<CloseStep>(CaseText.LoadStep("close: none"));
        Assert.Null(none.Code);
        Assert.Equal(string.Empty, none.Reason);
        var withReason = Assert.IsType<CloseStep>(CaseText.LoadStep("close: { code: 3000, reason: bye }"));
        Assert.Equal((ushort)3000, withReason.Code);
        Assert.Equal("bye", withReason.Reason);
    }

    [Fact]
    public void Shutdown_loads_fin_and_reset()
    {
        Assert.False(Assert.IsType<ShutdownStep>(CaseText.LoadStep("shutdown: fin")).Reset);
        Assert.True(Assert.IsType<ShutdownStep>(CaseText.LoadStep("shutdown: reset")).Reset);
    }

    [Fact]
    public void Every_expected_event_kind_loads_in_file_order_per_verdict()
    {
        var definition = CaseText.Load("""
            steps: []
            expect:
              NON-STRICT:
                - mark: late
              OK:
                - message: binary
                  payload: { hex: "0102" }
                - message: binary
                  length: 16777216
                  sha256: "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
                - ping: "p"
                - pong: { repeat: "x", length: 3 }
                - mark: after-pause
            close: { by: peer, codes: [1002, 1007] }
            """);

        Assert.Equal([Verdict.NonStrict, Verdict.Ok], definition.Outcomes.Select(outcome => outcome.Key));
        Assert.Equal(new ExpectedMark("late"), Assert.Single(definition.Outcomes[0].Value));
        var events = definition.Outcomes[1].Value;
        var exact = Assert.IsType<ExpectedMessage>(events[0]);
        Assert.True(exact.Binary);
        Assert.Equal(new byte[] { 1, 2 }, exact.Payload);
        Assert.Null(exact.Length);
        var big = Assert.IsType<ExpectedMessage>(events[1]);
        Assert.Null(big.Payload);
        Assert.Equal(16777216L, big.Length);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", big.Sha256);
        Assert.Equal("p"u8.ToArray(), Assert.IsType<ExpectedPing>(events[2]).Payload);
        Assert.Equal("xxx"u8.ToArray(), Assert.IsType<ExpectedPong>(events[3]).Payload);
        Assert.Equal(new ExpectedMark("after-pause"), events[4]);
    }

    [Fact]
    public void Empty_expect_gives_no_outcomes()
    {
        Assert.Empty(CaseText.Load("steps: []\n" + CaseText.EchoEnd).Outcomes);
    }

    [Fact]
    public void Close_expectation_defaults_depend_on_who_closes()
    {
        var byHarness = CaseText.Load("steps: []\nexpect: {}\nclose: { by: harness, codes: [1000] }").Close;
        var byPeer = CaseText.Load("steps: []\nexpect: {}\nclose: { by: peer, codes: [1002], wrong-code-fails: true, harness-closing-fails: true }").Close;

        Assert.Equal(Closer.Harness, byHarness.By);
        Assert.True(byHarness.RequireClean);
        Assert.False(byHarness.WrongCodeFails);
        Assert.Equal(Closer.Peer, byPeer.By);
        Assert.False(byPeer.RequireClean);
        Assert.True(byPeer.WrongCodeFails);
        Assert.True(byPeer.HarnessClosingFails);
    }

    [Fact]
    public void Optional_top_level_fields_load()
    {
        var definition = CaseText.Load("""
            steps: []
            expect: {}
            close: { by: harness, codes: [1000] }
            timeout: 1.5s
            on-timeout: close
            informational: true
            """);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), definition.Timeout);
        Assert.Equal(TimeoutAction.Close, definition.OnTimeout);
        Assert.True(definition.Informational);
    }

    [Fact]
    public void Handshake_edits_load_in_order()
    {
        var handshake = CaseText.Load("""
            handshake:
              method: POST
              http-version: "1.0"
              set: { Sec-WebSocket-Version: 8, Origin: null }
              add: [ { Sec-WebSocket-Protocol: chat }, { Sec-WebSocket-Protocol: superchat } ]
              chop: { size: 1, delay: 0ms }
              frames-with-request: true
              expect-status: [426, 400]
              expect-headers: { Sec-WebSocket-Version: "13" }
              expect-absent: [ Sec-WebSocket-Protocol ]
            steps: []
            expect: {}
            close: { by: peer, codes: [1002] }
            """).Handshake;

        Assert.NotNull(handshake);
        Assert.Equal("POST", handshake.Method);
        Assert.Equal("1.0", handshake.HttpVersion);
        Assert.Equal([new("Sec-WebSocket-Version", "8"), new("Origin", null)], handshake.SetHeaders);
        Assert.Equal([new("Sec-WebSocket-Protocol", "chat"), new("Sec-WebSocket-Protocol", "superchat")], handshake.AddHeaders);
        Assert.Equal(new Chop(1, TimeSpan.Zero), handshake.Chop);
        Assert.True(handshake.FramesWithRequest);
        Assert.Equal([426, 400], handshake.ExpectStatus);
        Assert.Equal([new("Sec-WebSocket-Version", "13")], handshake.ExpectHeaders);
        Assert.Equal(["Sec-WebSocket-Protocol"], handshake.ExpectAbsent);
        Assert.Null(handshake.RawRequest);
    }

    [Fact]
    public void A_raw_handshake_loads_with_default_status()
    {
        var handshake = CaseText.Load("""
            handshake:
              raw: "GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"
            steps: []
            expect: {}
            close: { by: peer, codes: [1002] }
            """).Handshake;

        Assert.NotNull(handshake);
        Assert.Equal("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n", handshake.RawRequest);
        Assert.Equal([101], handshake.ExpectStatus);
    }

    [Fact]
    public void Text_payloads_are_utf8_and_block_scalars_work()
    {
        var frame = Assert.IsType<SendFrameStep>(CaseText.LoadStep("send: { opcode: text, payload: \"κόσμε\" }")).Frame;
        Assert.Equal(Encoding.UTF8.GetBytes("κόσμε"), frame.Payload);

        var definition = CaseText.Load("""
            steps:
              - send:
                  opcode: text
                  payload: |-
                    two
                    lines
            expect: {}
            close: { by: harness, codes: [1000] }
            """);
        Assert.Equal("two\nlines"u8.ToArray(), Assert.IsType<SendFrameStep>(definition.Steps[0]).Frame.Payload);
    }
}
