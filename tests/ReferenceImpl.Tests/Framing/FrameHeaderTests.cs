using Conformance.ReferenceImpl.Framing;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Framing;

public class FrameHeaderTests
{
    // RFC 6455 5.7 examples, byte for byte.
    [Fact]
    public void Rfc_example_unmasked_hello_parses_as_final_text_frame()
    {
        byte[] wire = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        var frame = Assert.Single(new FrameStreamParser().Feed(wire));
        Assert.True(frame.Header.Fin);
        Assert.Equal(Opcode.Text, frame.Header.Opcode);
        Assert.False(frame.Header.Masked);
        Assert.Equal("Hello"u8.ToArray(), frame.Payload.ToArray());
    }

    [Fact]
    public void Rfc_example_masked_hello_unmasks_to_hello()
    {
        byte[] wire = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        var frame = Assert.Single(new FrameStreamParser().Feed(wire));
        Assert.True(frame.Header.Masked);
        Assert.Equal(0x37fa213du, frame.Header.MaskKey);
        Assert.Equal("Hello"u8.ToArray(), frame.Payload.ToArray());
    }

    [Fact]
    public void Rfc_example_masked_hello_is_written_byte_for_byte()
    {
        var frame = Frame.Create(Opcode.Text, "Hello"u8.ToArray(), maskKey: 0x37fa213d);
        Assert.Equal(new byte[] { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 }, FrameWriter.ToBytes(frame));
    }

    [Fact]
    public void Rfc_example_fragmented_hello_parses_as_text_then_continuation()
    {
        byte[] wire = [0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f];
        var frames = new FrameStreamParser().Feed(wire);
        Assert.Equal(2, frames.Count);
        Assert.Equal((Opcode.Text, false), (frames[0].Header.Opcode, frames[0].Header.Fin));
        Assert.Equal((Opcode.Continuation, true), (frames[1].Header.Opcode, frames[1].Header.Fin));
    }

    [Fact]
    public void Rfc_example_256_byte_binary_uses_16_bit_length()
    {
        var bytes = FrameWriter.ToBytes(Frame.Create(Opcode.Binary, new byte[256]));
        Assert.Equal(new byte[] { 0x82, 0x7E, 0x01, 0x00 }, bytes[..4]);
        Assert.Equal(4 + 256, bytes.Length);
    }

    [Fact]
    public void Rfc_example_64_KiB_binary_uses_64_bit_length()
    {
        var bytes = FrameWriter.ToBytes(Frame.Create(Opcode.Binary, new byte[65536]));
        Assert.Equal(new byte[] { 0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0 }, bytes[..10]);
    }

    [Theory]
    [InlineData(0ul, LengthEncoding.Bits16)]
    [InlineData(5ul, LengthEncoding.Bits64)]
    [InlineData(300ul, LengthEncoding.Bits64)]
    public void Non_minimal_length_forms_can_be_written_and_are_reported(ulong length, LengthEncoding encoding)
    {
        var header = new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = length, LengthEncoding = encoding };
        var bytes = FrameWriter.ToBytes(header, new byte[length]);
        Assert.True(FrameHeaderReader.TryRead(bytes, out var read, out var size));
        Assert.Equal(encoding, read.LengthEncoding);
        Assert.True(read.HasNonMinimalLength);
        Assert.Equal(header.Size, size);
    }

    [Fact]
    public void Any_bit_pattern_is_expressible_reserved_opcode_all_rsv_and_64_bit_msb()
    {
        var header = new FrameHeader
        {
            Fin = false,
            Rsv1 = true,
            Rsv2 = true,
            Rsv3 = true,
            Opcode = (Opcode)0xB,
            Masked = true,
            MaskKey = 0xDEADBEEF,
            PayloadLength = 0x8000_0000_0000_0001,
            LengthEncoding = LengthEncoding.Bits64,
        };
        var buffer = new byte[14];
        FrameWriter.WriteHeader(header, buffer);
        Assert.Equal(0x7B, buffer[0]);
        Assert.Equal(0xFF, buffer[1]);
        Assert.True(FrameHeaderReader.TryRead(buffer, out var read, out _));
        Assert.Equal(header, read);
    }

    [Fact]
    public void Header_split_across_reads_is_assembled()
    {
        var bytes = FrameWriter.ToBytes(Frame.Create(Opcode.Binary, new byte[70000], maskKey: 1));
        var parser = new FrameStreamParser();
        var frames = new List<Frame>();
        foreach (var b in bytes.AsSpan(0, 20).ToArray())
        {
            frames.AddRange(parser.Feed([b]));
        }

        frames.AddRange(parser.Feed(bytes.AsSpan(20)));
        Assert.Equal(70000, Assert.Single(frames).Payload.Length);
    }

    [Fact]
    public void A_header_announcing_gigabytes_allocates_nothing_up_front()
    {
        var header = new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = 1L << 30, LengthEncoding = LengthEncoding.Bits64 };
        var bytes = new byte[14];
        var size = FrameWriter.WriteHeader(header, bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Empty(new FrameStreamParser().Feed(bytes.AsSpan(0, size)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
