using Conformance.Fuzz.Network;
using Conformance.ReferenceImpl.Framing;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Fuzz.Tests.Network;

public sealed class WireFrameTests
{
    private static Gen<WireFrame> Frames =>
        from opcode in Gen.Choose(0, 15)
        from fin in Gen.Elements(true, false)
        from rsv in Gen.Choose(0, 7)
        from masked in Gen.Elements(true, false)
        from key in Gen.Choose(int.MinValue, int.MaxValue)
        from size in Gen.Elements(0, 1, 125, 126, 127, 65535, 65536, 70000)
        from fill in Gen.Choose(0, 255)
        select new WireFrame { Opcode = (byte)opcode, Fin = fin, Rsv = (byte)rsv, Masked = masked, MaskKey = unchecked((uint)key), Payload = Enumerable.Repeat((byte)fill, size).ToArray() };

    [Fact]
    public void A_structured_frame_reads_back_as_itself_with_the_shortest_length_form()
    {
        // RFC 6455 5.2: the minimal number of bytes MUST be used to encode the length.
        Prop.ForAll(Frames.ToArbitrary(), frame =>
        {
            var bytes = frame.ToBytes();
            var read = WireFrame.TryRead(bytes);
            return read is { } r && r.Size == bytes.Length && r.Frame.Raw is null && r.Frame.ToBytes().AsSpan().SequenceEqual(bytes);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void The_wire_length_is_what_writing_the_frame_takes()
    {
        Prop.ForAll(Frames.ToArbitrary(), Gen.Elements<ulong?>(null, 0, 126, 65536, ulong.MaxValue).ToArbitrary(), (frame, length) =>
        {
            var lying = frame with { Length = length };
            return lying.WireLength == lying.ToBytes().Length && new WireFrame { Raw = [1, 2, 3] }.WireLength == 3;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void A_frame_written_here_is_the_frame_the_reference_parser_reads()
    {
        var frame = new WireFrame { Opcode = 1, Payload = "Hello"u8.ToArray(), MaskKey = 0x37fa213d };
        Assert.True(FrameHeaderReader.TryRead(frame.ToBytes(), out var header, out var size));
        Assert.Equal(Opcode.Text, header.Opcode);
        Assert.True(header.Masked);
        Assert.Equal(0x37fa213du, header.MaskKey);
        Assert.Equal(5ul, header.PayloadLength);
        Assert.Equal(6, size);
    }

    [Fact]
    public void A_lying_length_is_written_in_the_header_and_the_payload_sent_as_is()
    {
        var frame = new WireFrame { Opcode = 2, Masked = false, Payload = [1, 2, 3], Length = ulong.MaxValue };
        var bytes = frame.ToBytes();
        Assert.Equal(2 + 8 + 3, bytes.Length);
        Assert.Equal(127, bytes[1] & 0x7f);
        Assert.All(bytes[2..10], b => Assert.Equal(0xff, b));
        Assert.Null(WireFrame.TryRead(bytes));
    }

    [Fact]
    public void A_non_minimal_length_form_is_kept_exactly_as_raw_bytes()
    {
        byte[] bytes = [0x81, 0x7e, 0x00, 0x02, (byte)'h', (byte)'i'];
        var read = WireFrame.TryRead(bytes);
        Assert.NotNull(read);
        Assert.Equal(bytes, read.Value.Frame.Raw);
    }
}
