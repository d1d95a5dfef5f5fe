using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// A client connection with permessage-deflate receiving the frames of RFC 7692 7.2.3 byte for byte (server frames are
/// unmasked, so the RFC's bytes go in as they are), and the receive-side rules of RFC 7692 6 and 7.2.2.
/// </summary>
public sealed class DeflateReceiveTests
{
    [Fact]
    public void Hello_in_one_compressed_frame_of_RFC_7692_7_2_3_1_is_inflated()
    {
        var message = Assert.IsType<MessageReceived>(Assert.Single(Client().Feed(Hex("C107F248CDC9C90700"))));

        Assert.Equal("Hello", message.Text);
        Assert.True(message.Compressed);
        Assert.Equal(7, message.WireLength);
    }

    [Fact]
    public void Hello_in_two_fragments_of_RFC_7692_7_2_3_1_is_inflated()
    {
        // RFC 7692 7.2.3.1: the compressed data split across a text frame and a continuation (RSV1 on the first only).
        var events = Client().Feed(Hex("4103F248CD"), Hex("8004C9C90700"));
        Assert.Equal("Hello", Assert.IsType<MessageReceived>(Assert.Single(events)).Text);
    }

    [Fact]
    public void Second_hello_referring_to_the_first_of_RFC_7692_7_2_3_2_is_inflated()
    {
        // RFC 7692 7.2.3.2: context takeover; the second message is a back-reference into the first.
        var events = Client().Feed(Hex("C107F248CDC9C90700"), Hex("C105F200110000"));
        Assert.Equal(["Hello", "Hello"], events.Cast<MessageReceived>().Select(m => m.Text));
    }

    [Fact]
    public void Hello_in_a_stored_block_of_RFC_7692_7_2_3_3_is_inflated()
    {
        // RFC 7692 7.2.3.3: a DEFLATE block with no compression.
        Assert.Equal("Hello", Single(Client().Feed(Hex("C10B000500FAFF48656C6C6F00"))).Text);
    }

    [Fact]
    public void Hello_in_a_final_block_of_RFC_7692_7_2_3_4_is_inflated()
    {
        // RFC 7692 7.2.3.4: a block with BFINAL set, then the header bits of an empty stored block.
        Assert.Equal("Hello", Single(Client().Feed(Hex("C108F348CDC9C9070000"))).Text);
    }

    [Fact]
    public void After_a_final_block_the_next_message_still_reaches_the_window()
    {
        // RFC 7692 7.2.3.4 ends the DEFLATE stream, not the LZ77 window: a next message may refer back into it.
        var events = Client().Feed(Hex("C108F348CDC9C9070000"), Hex("C105F200110000"));
        Assert.Equal(["Hello", "Hello"], events.Cast<MessageReceived>().Select(m => m.Text));
    }

    [Fact]
    public void Hello_in_two_blocks_of_RFC_7692_7_2_3_5_is_inflated()
    {
        // RFC 7692 7.2.3.5: "He", an empty stored block, then "llo" referring back.
        Assert.Equal("Hello", Single(Client().Feed(Hex("C10DF24805000000FFFFCAC9C90700"))).Text);
    }

    [Fact]
    public void Empty_message_of_RFC_7692_7_2_3_6_is_inflated_to_nothing()
    {
        // RFC 7692 7.2.3.6: the single byte 0x00 is an empty message.
        var message = Single(Client().Feed(Hex("C10100")));
        Assert.Empty(message.Payload);
        Assert.True(message.Compressed);
    }

    [Fact]
    public void Uncompressed_message_passes_through_and_keeps_the_window()
    {
        // RFC 7692 6: RSV1 clear means an uncompressed message; it is not part of the LZ77 window.
        var events = Client().Feed(Hex("C107F248CDC9C90700"), [.. Hex("8105"), .. "plain"u8], Hex("C105F200110000"));
        var messages = events.Cast<MessageReceived>().ToList();

        Assert.Equal(["Hello", "plain", "Hello"], messages.Select(m => m.Text));
        Assert.Equal([true, false, true], messages.Select(m => m.Compressed));
    }

    [Fact]
    public void Rsv1_on_a_control_frame_fails_with_1002()
    {
        // RFC 7692 6: the Per-Message Compressed bit MUST NOT be set on control frames.
        var driver = Client();
        var failed = Failure(driver.Feed(Hex("C900")));

        Assert.Equal(ProtocolRule.CompressedControlFrame, failed.Rule);
        Assert.Equal("RFC 7692 6", failed.Section);
        Assert.Equal(CloseCode.ProtocolError, driver.WrittenCloseCode());
    }

    [Fact]
    public void Rsv1_on_a_continuation_frame_fails_with_1002()
    {
        // RFC 7692 6: nor on a non-first fragment of a message.
        var driver = Client();
        var failed = Failure(driver.Feed(Hex("4103F248CD"), Hex("C004C9C90700")));

        Assert.Equal(ProtocolRule.CompressedContinuationFrame, failed.Rule);
        Assert.Equal(CloseCode.ProtocolError, driver.WrittenCloseCode());
    }

    [Fact]
    public void Rsv1_without_permessage_deflate_fails_with_1002()
    {
        // RFC 6455 5.2: with no extension negotiated, RSV1 is reserved and MUST fail the connection.
        var driver = new ConnectionDriver(Role.Client);
        var failed = Failure(driver.Feed(Hex("C107F248CDC9C90700")));

        Assert.Equal(ProtocolRule.ReservedBitsWithoutExtension, failed.Rule);
        Assert.Equal(CloseCode.ProtocolError, driver.WrittenCloseCode());
    }

    [Theory]
    [InlineData("A100")]
    [InlineData("9100")]
    [InlineData("E100")]
    public void Rsv2_and_rsv3_stay_reserved_with_permessage_deflate(string frame)
    {
        // RFC 7692 6 gives RSV1 alone a meaning; RFC 6455 5.2 still fails the others.
        Assert.Equal(ProtocolRule.ReservedBitsWithoutExtension, Failure(Client().Feed(Hex(frame))).Rule);
    }

    [Fact]
    public void Decompression_bomb_fails_with_1009_at_the_limit()
    {
        // RFC 6455 7.4.1 (1009): 16 MiB of zeros compress to about 16 KiB; inflating stops at the 1 MiB limit.
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var bomb = deflater.Compress(new byte[16 << 20], endOfMessage: true).ToArray();
        var driver = Client(new ConnectionOptions { MaxMessageSize = 1 << 20 });

        var failed = Failure(driver.Feed(Frame(Opcode.Binary, bomb, rsv1: true)));

        Assert.Equal(ProtocolRule.MessageTooLarge, failed.Rule);
        Assert.Contains("inflated", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(CloseCode.MessageTooBig, driver.WrittenCloseCode());
    }

    [Fact]
    public void Message_inflating_to_exactly_the_limit_is_delivered()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var compressed = deflater.Compress(new byte[1 << 20], endOfMessage: true).ToArray();

        var message = Single(Client(new ConnectionOptions { MaxMessageSize = 1 << 20 }).Feed(Frame(Opcode.Binary, compressed, rsv1: true)));

        Assert.Equal(1 << 20, message.Payload.Length);
        Assert.Equal(compressed.Length, message.WireLength);
    }

    [Fact]
    public void Compressed_payload_over_the_limit_fails_with_1009_before_inflating()
    {
        // RFC 6455 7.4.1 (1009): the bytes on the wire count against the limit too, as soon as a header announces them.
        var noise = new byte[1000];
        new Random(1).NextBytes(noise);
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var compressed = deflater.Compress(noise, endOfMessage: true).ToArray();
        var driver = Client(new ConnectionOptions { MaxMessageSize = 100 });

        var failed = Failure(driver.Feed(Frame(Opcode.Binary, compressed[..60], rsv1: true, fin: false), Frame(Opcode.Continuation, compressed[60..120], rsv1: false)));

        Assert.Equal(ProtocolRule.MessageTooLarge, failed.Rule);
        Assert.Contains("120 bytes compressed", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_is_not_deflate_fails_with_1007()
    {
        // RFC 7692 7.2.2: the payload is DEFLATE data; 0xff starts a block of the reserved type 11.
        var driver = Client();
        var failed = Failure(driver.Feed(Hex("C104FFFFFFFF")));

        Assert.Equal(ProtocolRule.InvalidCompressedData, failed.Rule);
        Assert.Equal(CloseCode.InvalidPayloadData, driver.WrittenCloseCode());
    }

    [Fact]
    public void Invalid_utf8_in_inflated_text_fails_with_1007()
    {
        // RFC 6455 8.1: the inflated text is judged as plain text is.
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var compressed = deflater.Compress([0x48, 0xC0, 0xAF], endOfMessage: true).ToArray();

        Assert.Equal(ProtocolRule.InvalidUtf8InText, Failure(Client().Feed(Frame(Opcode.Text, compressed, rsv1: true))).Rule);
    }

    [Fact]
    public void Without_context_takeover_the_window_is_reset_after_each_message()
    {
        // RFC 7692 7.1.1.1: a server that agreed to no context takeover may not refer back; the client's window is empty
        // at every message, so the RFC's second "Hello" (a back-reference) is not DEFLATE data it can inflate.
        var driver = Client(new ConnectionOptions { PerMessageDeflate = new() { ServerNoContextTakeover = true } });
        var events = driver.Feed(Hex("C107F248CDC9C90700"), Hex("C105F200110000"));

        Assert.Equal("Hello", Assert.IsType<MessageReceived>(events[0]).Text);
        Assert.Equal(ProtocolRule.InvalidCompressedData, Failure(events).Rule);
    }

    [Fact]
    public void Compressed_message_over_many_small_frames_is_inflated()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: true);
        var text = string.Concat(Enumerable.Repeat("fragmented and compressed κόσμε ", 500));
        var compressed = deflater.Compress(System.Text.Encoding.UTF8.GetBytes(text), endOfMessage: true).ToArray();
        var frames = compressed.Chunk(7).Select((chunk, i) => Frame(i == 0 ? Opcode.Text : Opcode.Continuation, chunk, rsv1: i == 0, fin: (i + 1) * 7 >= compressed.Length)).ToArray();

        Assert.Equal(text, Single(Client().Feed(frames)).Text);
    }

    private static ConnectionDriver Client(ConnectionOptions? options = null) =>
        new(Role.Client, (options ?? new ConnectionOptions()) with { PerMessageDeflate = options?.PerMessageDeflate ?? new PerMessageDeflateParameters() });

    private static MessageReceived Single(List<ConnectionEvent> events) => Assert.IsType<MessageReceived>(Assert.Single(events));

    private static ProtocolViolation Failure(List<ConnectionEvent> events) => Assert.Single(events.OfType<ConnectionFailed>()).Violation;

    private static byte[] Frame(Opcode opcode, byte[] payload, bool rsv1, bool fin = true) =>
        FrameWriter.ToBytes(new FrameHeader { Fin = fin, Rsv1 = rsv1, Opcode = opcode, PayloadLength = (ulong)payload.Length }, payload);

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
