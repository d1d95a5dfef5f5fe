using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Protocol;

/// <summary>RFC 6455 section 5: every per-frame MUST, as the connection enforces it.</summary>
public class FramingRuleTests
{
    private static ConnectionFailed AssertFailed(ConnectionDriver driver, List<ConnectionEvent> events, ProtocolRule rule, ushort code)
    {
        var failed = Assert.IsType<ConnectionFailed>(events.Last());
        Assert.Equal(rule, failed.Violation.Rule);
        Assert.Equal(code, driver.WrittenCloseCode());
        Assert.Equal(ConnectionState.Closed, driver.Connection.State);
        Assert.True(driver.Connection.ShouldCloseTransport);
        return failed;
    }

    [Fact]
    public void Server_fails_unmasked_client_frame_with_1002()
    {
        var d = new ConnectionDriver(Role.Server);
        var events = d.Feed(d.PeerFrame(Opcode.Text, "hi"u8, masked: false));
        AssertFailed(d, events, ProtocolRule.ClientFrameNotMasked, 1002);
    }

    [Fact]
    public void Client_fails_masked_server_frame_with_1002()
    {
        var d = new ConnectionDriver(Role.Client);
        var events = d.Feed(d.PeerFrame(Opcode.Text, "hi"u8, masked: true));
        AssertFailed(d, events, ProtocolRule.ServerFrameMasked, 1002);
    }

    [Fact]
    public void Client_masks_every_frame_it_sends()
    {
        var keys = new Queue<uint>([1u, 2u, 3u]);
        var d = new ConnectionDriver(Role.Client, new ConnectionOptions { MaskKeySource = () => keys.Dequeue() });
        d.Connection.SendText("a");
        d.Connection.SendPing("p"u8);
        d.Connection.SendClose(1000);
        Assert.All(d.Written, f => Assert.True(f.Header.Masked));
        Assert.Equal(new[] { 1u, 2u, 3u }, d.Written.Select(f => f.Header.MaskKey));
    }

    [Fact]
    public void Server_never_masks_frames_it_sends()
    {
        var d = new ConnectionDriver(Role.Server);
        d.Connection.SendBinary([1, 2, 3]);
        d.Connection.SendPing([]);
        Assert.All(d.Written, f => Assert.False(f.Header.Masked));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public void Nonzero_rsv_bits_without_extension_fail_with_1002(bool rsv1, bool rsv2, bool rsv3)
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Text, "x"u8, rsv1: rsv1, rsv2: rsv2, rsv3: rsv3));
        AssertFailed(d, events, ProtocolRule.ReservedBitsWithoutExtension, 1002);
    }

    [Fact]
    public void Rsv1_is_accepted_when_an_extension_defines_it()
    {
        var d = new ConnectionDriver(Role.Server, new ConnectionOptions { NegotiatedRsvBits = 4 });
        var events = d.Feed(d.PeerFrame(Opcode.Binary, "x"u8, rsv1: true));
        Assert.IsType<MessageReceived>(Assert.Single(events));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Reserved_opcodes_fail_with_1002(byte opcode)
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame((Opcode)opcode, []));
        AssertFailed(d, events, ProtocolRule.ReservedOpcode, 1002);
    }

    [Theory]
    [InlineData(Opcode.Ping)]
    [InlineData(Opcode.Pong)]
    [InlineData(Opcode.Close)]
    public void Control_frame_with_more_than_125_bytes_fails_with_1002(Opcode opcode)
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(opcode, new byte[126]));
        AssertFailed(d, events, ProtocolRule.ControlFrameTooLong, 1002);
    }

    [Fact]
    public void Control_frame_with_exactly_125_bytes_is_accepted()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Ping, new byte[125]));
        Assert.Equal(125, Assert.IsType<PingReceived>(Assert.Single(events)).Payload.Length);
    }

    [Fact]
    public void Fragmented_control_frame_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Ping, "a"u8, fin: false));
        AssertFailed(d, events, ProtocolRule.ControlFrameFragmented, 1002);
    }

    [Fact]
    public void Length_with_most_significant_bit_set_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var header = new FrameHeader { Fin = true, Opcode = Opcode.Binary, Masked = true, MaskKey = 1, PayloadLength = 0x8000_0000_0000_0000, LengthEncoding = LengthEncoding.Bits64 };
        var bytes = new byte[14];
        FrameWriter.WriteHeader(header, bytes);
        AssertFailed(d, d.Feed(bytes), ProtocolRule.PayloadLengthMostSignificantBitSet, 1002);
    }

    [Fact]
    public void Non_minimal_length_encoding_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Binary, new byte[10], encoding: LengthEncoding.Bits16));
        AssertFailed(d, events, ProtocolRule.NonMinimalLengthEncoding, 1002);
    }

    [Fact]
    public void Continuation_without_a_started_message_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Continuation, "x"));
        AssertFailed(d, events, ProtocolRule.ContinuationWithoutMessage, 1002);
    }

    [Fact]
    public void New_data_frame_inside_a_fragmented_message_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Text, "a", fin: false), d.PeerFrame(Opcode.Text, "b"));
        AssertFailed(d, events, ProtocolRule.DataFrameInsideFragmentedMessage, 1002);
    }

    [Fact]
    public void Fragmented_message_is_delivered_whole_and_in_order()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(
            d.PeerFrame(Opcode.Text, "frag1 ", fin: false),
            d.PeerFrame(Opcode.Continuation, "", fin: false),
            d.PeerFrame(Opcode.Continuation, "frag2 ", fin: false),
            d.PeerFrame(Opcode.Continuation, "frag3"));
        Assert.Equal("frag1 frag2 frag3", Assert.IsType<MessageReceived>(Assert.Single(events)).Text);
    }

    [Fact]
    public void Ping_inside_fragmented_message_is_answered()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(
            d.PeerFrame(Opcode.Text, "fragment1", fin: false),
            d.PeerFrame(Opcode.Ping, "ping payload"),
            d.PeerFrame(Opcode.Continuation, "fragment2"));
        Assert.IsType<PingReceived>(events[0]);
        Assert.Equal("fragment1fragment2", Assert.IsType<MessageReceived>(events[1]).Text);
        var pong = Assert.Single(d.Written);
        Assert.Equal(Opcode.Pong, pong.Header.Opcode);
        Assert.Equal("ping payload"u8.ToArray(), pong.Payload.ToArray());
    }

    [Fact]
    public void Ping_is_answered_with_pong_carrying_identical_payload()
    {
        var d = new ConnectionDriver();
        byte[] payload = [0, 0xFF, 0xFE, 0xFD, 0x80];
        d.Feed(d.PeerFrame(Opcode.Ping, payload));
        var pong = Assert.Single(d.Written);
        Assert.Equal(Opcode.Pong, pong.Header.Opcode);
        Assert.Equal(payload, pong.Payload.ToArray());
    }

    [Fact]
    public void Unsolicited_pong_is_accepted_without_answer()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Pong, "unsolicited"));
        Assert.IsType<PongReceived>(Assert.Single(events));
        Assert.Empty(d.Written);
        Assert.Equal(ConnectionState.Open, d.Connection.State);
    }

    [Fact]
    public void Frame_larger_than_the_limit_fails_with_1009_before_its_payload_arrives()
    {
        var d = new ConnectionDriver(Role.Server, new ConnectionOptions { MaxFrameSize = 1000 });
        var frame = d.PeerFrame(Opcode.Binary, new byte[1001]);
        var events = d.Feed(frame[..8]);
        AssertFailed(d, events, ProtocolRule.FrameTooLarge, 1009);
    }

    [Fact]
    public void Message_larger_than_the_limit_fails_with_1009()
    {
        var d = new ConnectionDriver(Role.Server, new ConnectionOptions { MaxMessageSize = 1000 });
        var events = d.Feed(d.PeerFrame(Opcode.Binary, new byte[600], fin: false), d.PeerFrame(Opcode.Continuation, new byte[600]));
        AssertFailed(d, events, ProtocolRule.MessageTooLarge, 1009);
    }

    [Fact]
    public void Empty_text_and_binary_messages_are_delivered()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Text, ""), d.PeerFrame(Opcode.Binary, []));
        Assert.Equal([MessageKind.Text, MessageKind.Binary], events.Cast<MessageReceived>().Select(m => m.Kind));
    }

    [Fact]
    public void Control_frames_over_125_bytes_cannot_be_sent()
    {
        var d = new ConnectionDriver();
        Assert.Throws<ArgumentException>(() => d.Connection.SendPing(new byte[126]));
    }

    [Fact]
    public void Outgoing_fragments_use_continuation_after_the_first()
    {
        var d = new ConnectionDriver();
        d.Connection.SendFragment(MessageKind.Binary, [1], endOfMessage: false);
        d.Connection.SendFragment(MessageKind.Binary, [2], endOfMessage: false);
        d.Connection.SendFragment(MessageKind.Binary, [3], endOfMessage: true);
        Assert.Equal(
            [(Opcode.Binary, false), (Opcode.Continuation, false), (Opcode.Continuation, true)],
            d.Written.Select(f => (f.Header.Opcode, f.Header.Fin)));
    }
}
