using System.Buffers.Binary;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>
/// Reads a frame header exactly as it is on the wire (RFC 6455 5.2), whatever bits it carries.
/// It judges nothing; <see cref="FrameRules"/> does.
/// </summary>
public static class FrameHeaderReader
{
    public const int MaxHeaderSize = 14;

    /// <summary>Returns false when <paramref name="buffer"/> does not yet hold the whole header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out FrameHeader header, out int headerSize)
    {
        header = default;
        headerSize = 0;
        if (buffer.Length < 2)
        {
            return false;
        }

        var b0 = buffer[0];
        var b1 = buffer[1];
        var masked = (b1 & 0x80) != 0;
        var len7 = b1 & 0x7F;
        var encoding = len7 switch
        {
            126 => LengthEncoding.Bits16,
            127 => LengthEncoding.Bits64,
            _ => LengthEncoding.Bits7,
        };
        var size = 2 + LengthEncodingRules.ExtraBytes(encoding) + (masked ? 4 : 0);
        if (buffer.Length < size)
        {
            return false;
        }

        ulong length = encoding switch
        {
            LengthEncoding.Bits16 => BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]),
            LengthEncoding.Bits64 => BinaryPrimitives.ReadUInt64BigEndian(buffer[2..]),
            _ => (ulong)len7,
        };
        var maskKey = masked ? BinaryPrimitives.ReadUInt32BigEndian(buffer[(size - 4)..]) : 0u;
        header = new FrameHeader
        {
            Fin = (b0 & 0x80) != 0,
            Rsv1 = (b0 & 0x40) != 0,
            Rsv2 = (b0 & 0x20) != 0,
            Rsv3 = (b0 & 0x10) != 0,
            Opcode = (Opcode)(b0 & 0x0F),
            Masked = masked,
            MaskKey = maskKey,
            PayloadLength = length,
            LengthEncoding = encoding,
        };
        headerSize = size;
        return true;
    }
}
