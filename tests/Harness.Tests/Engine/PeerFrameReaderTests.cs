using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;
using Xunit;

namespace Conformance.Harness.Tests.Engine;

public sealed class PeerFrameReaderTests
{
    [Fact]
    public void Reads_any_bit_pattern_byte_by_byte_with_raw_header_bytes()
    {
        var header = new FrameHeader { Fin = false, Rsv2 = true, Opcode = (Opcode)0xB, Masked = true, MaskKey = 0x01020304, PayloadLength = 3, LengthEncoding = LengthEncoding.Bits64 };
        var wire = FrameWriter.ToBytes(header, [1, 2, 3]);
        var reader = new PeerFrameReader();
        var frames = new List<ReceivedFrame>();

        foreach (var b in wire)
        {
            reader.Feed([b], frames);
        }

        var frame = Assert.Single(frames);
        Assert.Equal(wire[..14], frame.HeaderBytes);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Payload);
        Assert.Equal(header, frame.Header);
        Assert.False(reader.HasPartialFrame);
    }

    [Fact]
    public void Caps_payload_memory_and_marks_the_frame_truncated()
    {
        var reader = new PeerFrameReader(maxPayloadBytes: 4);
        var frames = new List<ReceivedFrame>();

        reader.Feed(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = 10 }, new byte[10]), frames);

        var frame = Assert.Single(frames);
        Assert.True(frame.PayloadTruncated);
        Assert.Equal(4, frame.Payload.Length);
        Assert.Equal(10UL, frame.Header.PayloadLength);
    }

    [Fact]
    public void A_lying_length_allocates_nothing_up_front_and_stays_partial()
    {
        var reader = new PeerFrameReader();
        var frames = new List<ReceivedFrame>();

        reader.Feed(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = 1UL << 62, LengthEncoding = LengthEncoding.Bits64 }, [9]), frames);

        Assert.Empty(frames);
        Assert.True(reader.HasPartialFrame);
        Assert.Equal(11, reader.PartialFrameBytes().Length);
    }
}
