using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Receiving;

/// <summary>
/// The receive pipeline with the record policy (the harness's observer): every rule the peer breaks is recorded with its
/// frame, and the pipeline reads on so every later frame is still seen. One test per rule.
/// </summary>
public class RecordPolicyTests
{
    private const uint Key = 0x37FA213D;

    [Fact]
    public void Reserved_opcode_is_recorded_and_its_frame_skipped()
    {
        var events = Feed(Role.Client, Server((Opcode)3, "x"), Server(Opcode.Text, "after"));

        AssertRule(events, ProtocolRule.ReservedOpcode, frame: 0);
        Assert.Equal("after", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Reserved_bits_without_extension_are_recorded_and_the_message_kept()
    {
        var events = Feed(Role.Client, Frame(Opcode.Text, "hi", rsv2: true));

        AssertRule(events, ProtocolRule.ReservedBitsWithoutExtension, frame: 0);
        Assert.Equal("hi", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Unmasked_client_frame_is_recorded_by_a_server()
    {
        var events = Feed(Role.Server, Frame(Opcode.Text, "hi", masked: false));

        AssertRule(events, ProtocolRule.ClientFrameNotMasked, frame: 0);
        Assert.Equal("hi", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Masked_server_frame_is_recorded_by_a_client_and_unmasked()
    {
        var events = Feed(Role.Client, Frame(Opcode.Text, "hi", masked: true));

        AssertRule(events, ProtocolRule.ServerFrameMasked, frame: 0);
        Assert.Equal("hi", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Control_frame_over_125_bytes_is_recorded_and_still_read()
    {
        var events = Feed(Role.Client, Server(Opcode.Ping, new string('p', 126)));

        AssertRule(events, ProtocolRule.ControlFrameTooLong, frame: 0);
        Assert.Equal(126, Assert.Single(events.OfType<PingReceived>()).Payload.Length);
    }

    [Fact]
    public void Fragmented_control_frame_is_recorded()
    {
        var events = Feed(Role.Client, Server(Opcode.Ping, "p", fin: false));

        AssertRule(events, ProtocolRule.ControlFrameFragmented, frame: 0);
    }

    [Fact]
    public void Length_with_its_most_significant_bit_set_is_recorded_at_the_header()
    {
        var header = new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = 1UL << 63, LengthEncoding = LengthEncoding.Bits64 };
        var bytes = new byte[header.Size];
        FrameWriter.WriteHeader(header, bytes);

        var events = Feed(Role.Client, bytes);

        AssertRule(events, ProtocolRule.PayloadLengthMostSignificantBitSet, frame: 0);
        Assert.Empty(events.OfType<FrameReceived>());
    }

    [Fact]
    public void Non_minimal_length_is_recorded_and_the_message_kept()
    {
        var events = Feed(Role.Client, Frame(Opcode.Text, "hi", encoding: LengthEncoding.Bits16));

        AssertRule(events, ProtocolRule.NonMinimalLengthEncoding, frame: 0);
        Assert.Equal("hi", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Continuation_without_a_message_is_recorded_and_dropped()
    {
        var events = Feed(Role.Client, Server(Opcode.Continuation, "stray"), Server(Opcode.Text, "next"));

        AssertRule(events, ProtocolRule.ContinuationWithoutMessage, frame: 0);
        Assert.Equal("next", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void New_message_inside_a_fragmented_one_is_recorded_and_replaces_it()
    {
        var events = Feed(Role.Client, Server(Opcode.Text, "first", fin: false), Server(Opcode.Binary, "second"));

        AssertRule(events, ProtocolRule.DataFrameInsideFragmentedMessage, frame: 1);
        var message = Assert.Single(events.OfType<MessageReceived>());
        Assert.Equal(MessageKind.Binary, message.Kind);
        Assert.Equal("second", message.Text);
    }

    [Fact]
    public void Invalid_utf8_is_recorded_at_the_first_bad_byte_before_the_frame_ends()
    {
        var frame = Server(Opcode.Text, [0x61, 0xC0, 0x62, 0x63, 0x64]);
        var pipeline = Recording(Role.Client);

        // Header and the first three payload bytes only: the breach is known at byte 2.
        var events = FeedTo(pipeline, frame.AsSpan(0, 5));

        AssertRule(events, ProtocolRule.InvalidUtf8InText, frame: 0);
        Assert.Empty(events.OfType<FrameReceived>());
        var rest = FeedTo(pipeline, frame.AsSpan(5));
        Assert.Equal(5, Assert.Single(rest.OfType<MessageReceived>()).Payload.Length);
    }

    [Fact]
    public void Text_ending_inside_a_utf8_sequence_is_recorded()
    {
        var events = Feed(Role.Client, Server(Opcode.Text, [0x61, 0xCE]));

        AssertRule(events, ProtocolRule.IncompleteUtf8AtMessageEnd, frame: 0);
        Assert.Single(events.OfType<MessageReceived>());
    }

    [Fact]
    public void Close_with_a_one_byte_payload_is_recorded_and_still_a_close()
    {
        var events = Feed(Role.Client, Server(Opcode.Close, [0x03]));

        AssertRule(events, ProtocolRule.CloseFrameWithOneBytePayload, frame: 0);
        Assert.Null(Assert.Single(events.OfType<CloseReceived>()).Code);
    }

    [Fact]
    public void Close_with_an_invalid_code_is_recorded_with_the_code()
    {
        var events = Feed(Role.Client, Server(Opcode.Close, [0x03, 0xED]));

        AssertRule(events, ProtocolRule.InvalidCloseCode, frame: 0);
        Assert.Equal((ushort)1005, Assert.Single(events.OfType<CloseReceived>()).Code);
    }

    [Fact]
    public void Close_reason_that_is_not_utf8_is_recorded()
    {
        var events = Feed(Role.Client, Server(Opcode.Close, [0x03, 0xE8, 0xFF]));

        AssertRule(events, ProtocolRule.InvalidUtf8InCloseReason, frame: 0);
        Assert.Equal((ushort)1000, Assert.Single(events.OfType<CloseReceived>()).Code);
    }

    [Fact]
    public void Data_frame_after_the_close_frame_is_recorded()
    {
        var events = Feed(Role.Client, Server(Opcode.Close, [0x03, 0xE8]), Server(Opcode.Text, "late"));

        AssertRule(events, ProtocolRule.DataFrameAfterClose, frame: 1);
        Assert.Empty(events.OfType<MessageReceived>());
    }

    [Fact]
    public void Size_limits_are_not_applied_when_recording()
    {
        var pipeline = new ReceivePipeline(new ReceiveOptions { Receiver = Role.Client, Policy = ViolationPolicy.RecordAndContinue, MaxFrameSize = 10, MaxMessageSize = 10 });

        var events = FeedTo(pipeline, Server(Opcode.Binary, new string('b', 1000)));

        Assert.Empty(events.OfType<ViolationRecorded>());
        Assert.Equal(1000, Assert.Single(events.OfType<MessageReceived>()).Length);
    }

    [Fact]
    public void Compressed_bit_on_a_control_frame_is_recorded()
    {
        var events = Feed(Role.Client, Deflate(), Frame(Opcode.Ping, "p", rsv1: true));

        AssertRule(events, ProtocolRule.CompressedControlFrame, frame: 0);
    }

    [Fact]
    public void Compressed_bit_on_a_continuation_is_recorded()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var first = deflater.Compress("ab"u8, endOfMessage: false).ToArray();
        var second = deflater.Compress("cd"u8, endOfMessage: true).ToArray();

        var events = Feed(Role.Client, Deflate(), Frame(Opcode.Text, first, fin: false, rsv1: true), Frame(Opcode.Continuation, second, rsv1: true));

        AssertRule(events, ProtocolRule.CompressedContinuationFrame, frame: 1);
        Assert.Equal("abcd", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void Data_that_does_not_inflate_is_recorded_and_the_message_marked_incomplete()
    {
        var events = Feed(Role.Client, Deflate(), Frame(Opcode.Binary, [0xFF, 0xFF, 0xFF], rsv1: true));

        AssertRule(events, ProtocolRule.InvalidCompressedData, frame: 0);
        Assert.True(Assert.Single(events.OfType<MessageReceived>()).Incomplete);
    }

    [Fact]
    public void Context_takeover_after_promising_none_is_recorded_as_breaking_7_1_1_1()
    {
        // The server compresses two equal messages with context takeover: the second refers back into the first.
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => $"unique-{i * 7919}-")));
        var first = deflater.Compress(text, endOfMessage: true).ToArray();
        var second = deflater.Compress(text, endOfMessage: true).ToArray();
        var agreed = new PerMessageDeflateParameters { ServerNoContextTakeover = true };

        var events = Feed(Role.Client, agreed, Frame(Opcode.Text, first, rsv1: true), Frame(Opcode.Text, second, rsv1: true));

        AssertRule(events, ProtocolRule.ServerContextTakeoverUsed, frame: 1);
        Assert.Equal("RFC 7692 7.1.1.1", events.OfType<ViolationRecorded>().Single().Violation.Section);
    }

    [Fact]
    public void Compressed_data_that_ends_inside_a_block_is_recorded_as_breaking_7_2_1()
    {
        // A stored block announcing 100 bytes with 10 present: the appended 0x00 0x00 0xff 0xff cannot complete it.
        byte[] unfinished = [0x00, 100, 0, 0x9B, 0xFF, .. Encoding.ASCII.GetBytes("0123456789")];

        var events = Feed(Role.Client, Deflate(), Frame(Opcode.Binary, unfinished, rsv1: true));

        AssertRule(events, ProtocolRule.CompressedMessageNotFlushed, frame: 0);
        Assert.True(Assert.Single(events.OfType<MessageReceived>()).Incomplete);
    }

    [Fact]
    public void Compressed_data_that_ends_with_a_final_block_is_no_breach()
    {
        // RFC 7692 7.2.3.4: a message may end with a block whose BFINAL bit is set.
        byte[] final = [0x01, 5, 0, 0xFA, 0xFF, .. Encoding.ASCII.GetBytes("Hello")];

        var events = Feed(Role.Client, Deflate(), Frame(Opcode.Text, final, rsv1: true));

        Assert.Empty(events.OfType<ViolationRecorded>());
        Assert.Equal("Hello", Assert.Single(events.OfType<MessageReceived>()).Text);
    }

    [Fact]
    public void A_window_larger_than_agreed_is_recorded_as_breaking_7_1_2_1()
    {
        // The server agreed to server_max_window_bits=9 (512 bytes) but compresses with 15 bits: it refers 1500 bytes back.
        using var deflater = new MessageDeflater(15, noContextTakeover: false);
        var compressed = deflater.Compress(FarRepeat(), endOfMessage: true).ToArray();

        var events = Feed(Role.Client, new PerMessageDeflateParameters { ServerMaxWindowBits = 9 }, Frame(Opcode.Text, compressed, rsv1: true));

        AssertRule(events, ProtocolRule.ServerWindowExceeded, frame: 0);
        Assert.Equal("RFC 7692 7.1.2.1", events.OfType<ViolationRecorded>().Single().Violation.Section);
    }

    [Fact]
    public void A_window_within_the_agreement_is_not_a_breach()
    {
        using var deflater = new MessageDeflater(9, noContextTakeover: false);
        var compressed = deflater.Compress(FarRepeat(), endOfMessage: true).ToArray();

        var events = Feed(Role.Client, new PerMessageDeflateParameters { ServerMaxWindowBits = 9 }, Frame(Opcode.Text, compressed, rsv1: true));

        Assert.Empty(events.OfType<ViolationRecorded>());
        Assert.Equal(FarRepeat(), Assert.Single(events.OfType<MessageReceived>()).Payload);
    }

    /// <summary>1500 letters that do not repeat nearby, twice: a 15-bit window compresses the second half as one far match.</summary>
    internal static byte[] FarRepeat()
    {
        var random = new Random(7);
        var half = Enumerable.Range(0, 1500).Select(_ => (byte)random.Next('a', 'z' + 1)).ToArray();
        return [.. half, .. half];
    }

    [Fact]
    public void Frames_are_reported_with_their_payload_capped_and_their_inflated_data()
    {
        var pipeline = new ReceivePipeline(new ReceiveOptions
        {
            Receiver = Role.Client,
            Policy = ViolationPolicy.RecordAndContinue,
            ReportFrames = true,
            FramePayloadKept = 4,
        });

        var events = FeedTo(pipeline, Server(Opcode.Binary, "0123456789"));

        var frame = Assert.Single(events.OfType<FrameReceived>());
        Assert.Equal("0123"u8.ToArray(), frame.Payload);
        Assert.True(frame.PayloadTruncated);
        Assert.Equal(10UL, frame.Header.PayloadLength);
        Assert.Equal(10, Assert.Single(events.OfType<MessageReceived>()).Length);
    }

    [Fact]
    public void A_stream_that_ends_inside_a_frame_gives_the_partial_frame()
    {
        var pipeline = new ReceivePipeline(new ReceiveOptions { Receiver = Role.Client, Policy = ViolationPolicy.RecordAndContinue, ReportFrames = true });
        var frame = Server(Opcode.Binary, "0123456789");

        FeedTo(pipeline, frame.AsSpan(0, 6));
        var partial = pipeline.EndOfStream();

        Assert.NotNull(partial);
        Assert.Equal(frame[..6], partial.Bytes);
        Assert.Equal(10UL, partial.Header!.Value.PayloadLength);
    }

    [Fact]
    public void Every_breach_is_recorded_not_only_the_first()
    {
        var events = Feed(Role.Client, Frame(Opcode.Text, "a", masked: true), Server((Opcode)0xB, ""), Server(Opcode.Close, [0x03]));

        Assert.Equal(
            [ProtocolRule.ServerFrameMasked, ProtocolRule.ReservedOpcode, ProtocolRule.CloseFrameWithOneBytePayload],
            events.OfType<ViolationRecorded>().Select(v => v.Violation.Rule));
    }

    private static void AssertRule(List<ConnectionEvent> events, ProtocolRule rule, long frame)
    {
        var recorded = Assert.Single(events.OfType<ViolationRecorded>(), v => v.Violation.Rule == rule);
        Assert.Equal(frame, recorded.FrameIndex);
        Assert.Empty(events.OfType<ConnectionFailed>());
    }

    private static ReceivePipeline Recording(Role receiver, PerMessageDeflateParameters? deflate = null) =>
        new(new ReceiveOptions { Receiver = receiver, Policy = ViolationPolicy.RecordAndContinue, PerMessageDeflate = deflate });

    private static PerMessageDeflateParameters Deflate() => new();

    private static List<ConnectionEvent> Feed(Role receiver, params byte[][] frames) => Feed(receiver, null, frames);

    private static List<ConnectionEvent> Feed(Role receiver, PerMessageDeflateParameters? deflate, params byte[][] frames)
    {
        var pipeline = Recording(receiver, deflate);
        var events = new List<ConnectionEvent>();
        foreach (var frame in frames)
        {
            events.AddRange(FeedTo(pipeline, frame));
        }

        return events;
    }

    private static List<ConnectionEvent> FeedTo(ReceivePipeline pipeline, ReadOnlySpan<byte> data)
    {
        var events = new List<ConnectionEvent>();
        while (!data.IsEmpty)
        {
            data = data[pipeline.Receive(data)..];
            while (pipeline.TryDequeue(out var e))
            {
                events.Add(e!);
            }
        }

        return events;
    }

    private static byte[] Server(Opcode opcode, string text, bool fin = true) => Frame(opcode, Encoding.UTF8.GetBytes(text), fin);

    private static byte[] Server(Opcode opcode, byte[] payload, bool fin = true) => Frame(opcode, payload, fin);

    private static byte[] Frame(Opcode opcode, string text, bool fin = true, bool masked = false, bool rsv1 = false, bool rsv2 = false, LengthEncoding encoding = LengthEncoding.Minimal) =>
        Frame(opcode, Encoding.UTF8.GetBytes(text), fin, masked, rsv1, rsv2, encoding);

    private static byte[] Frame(Opcode opcode, byte[] payload, bool fin = true, bool masked = false, bool rsv1 = false, bool rsv2 = false, LengthEncoding encoding = LengthEncoding.Minimal) =>
        FrameWriter.ToBytes(new FrameHeader
        {
            Fin = fin,
            Rsv1 = rsv1,
            Rsv2 = rsv2,
            Opcode = opcode,
            Masked = masked,
            MaskKey = masked ? Key : 0,
            PayloadLength = (ulong)payload.Length,
            LengthEncoding = encoding,
        }, payload);
}
