using Conformance.ReferenceImpl.Framing;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.ReferenceImpl.Tests.Properties;

/// <summary>FsCheck generators for frames of every bit pattern and for valid client traffic.</summary>
internal static class FrameGenerators
{
    public static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    /// <summary>Payload sizes weighted toward the length-form boundaries (125/126, 65535/65536).</summary>
    public static Gen<byte[]> Payload() => Gen.Frequency(
        (6, Bytes(130)),
        (2, Gen.Elements(124, 125, 126, 127, 65535, 65536).SelectMany(n => Gen.Constant(new byte[n]))),
        (1, Bytes(70_000)));

    /// <summary>Any frame the model can express, written in a length form that can carry its payload.</summary>
    public static Gen<Frame> AnyFrame() =>
        from flags in Gen.Choose(0, 15)
        from opcode in Gen.Choose(0, 15)
        from masked in Gen.Elements(true, false)
        from key in Gen.Choose(int.MinValue, int.MaxValue)
        from payload in Payload()
        from encoding in Gen.Elements(FormsFor(payload.Length))
        select new Frame(new FrameHeader
        {
            Fin = (flags & 8) != 0,
            Rsv1 = (flags & 4) != 0,
            Rsv2 = (flags & 2) != 0,
            Rsv3 = (flags & 1) != 0,
            Opcode = (Opcode)opcode,
            Masked = masked,
            MaskKey = masked ? (uint)key : 0,
            PayloadLength = (ulong)payload.Length,
            LengthEncoding = encoding,
        }, payload);

    /// <summary>A valid client-to-server exchange: messages (some fragmented, with pings between fragments), pings, then maybe a close.</summary>
    public static Gen<byte[][]> ValidClientFrames() =>
        from messages in Gen.ListOf(Message(), 6)
        from close in Gen.Elements(true, false)
        select messages.SelectMany(m => m).Concat(close ? [ClientFrame(Opcode.Close, [0x03, 0xE8], true)] : []).ToArray();

    private static Gen<byte[][]> Message() => Gen.OneOf(
        Bytes(40).Select(p => new[] { ClientFrame(Opcode.Ping, p, true) }),
        from text in Gen.Elements("", "Hello", "κόσμε", "𐍈 emoji 🎉", new string('x', 300))
        from pieces in Gen.Choose(1, 4)
        select Fragments(Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text), pieces),
        from data in Bytes(500)
        from pieces in Gen.Choose(1, 4)
        select Fragments(Opcode.Binary, data, pieces));

    private static byte[][] Fragments(Opcode opcode, byte[] data, int pieces)
    {
        var frames = new List<byte[]>();
        var size = (data.Length + pieces - 1) / Math.Max(1, pieces);
        for (var i = 0; i < pieces; i++)
        {
            var start = Math.Min(data.Length, i * size);
            var end = i == pieces - 1 ? data.Length : Math.Min(data.Length, start + size);
            frames.Add(ClientFrame(i == 0 ? opcode : Opcode.Continuation, data[start..end], i == pieces - 1));
            if (i == 0 && pieces > 1)
            {
                frames.Add(ClientFrame(Opcode.Ping, "between"u8.ToArray(), true));
            }
        }

        return [.. frames];
    }

    private static byte[] ClientFrame(Opcode opcode, byte[] payload, bool fin) =>
        FrameWriter.ToBytes(new FrameHeader { Fin = fin, Opcode = opcode, Masked = true, MaskKey = 0x12345678, PayloadLength = (ulong)payload.Length }, payload);

    private static LengthEncoding[] FormsFor(int length) => length switch
    {
        <= 125 => [LengthEncoding.Bits7, LengthEncoding.Bits16, LengthEncoding.Bits64],
        <= 0xFFFF => [LengthEncoding.Bits16, LengthEncoding.Bits64],
        _ => [LengthEncoding.Bits64],
    };
}
