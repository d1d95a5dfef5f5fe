using System.Buffers;
using System.Buffers.Binary;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>Writes any frame the model can express: the header bit for bit, then the payload, masked when the header says so.</summary>
public static class FrameWriter
{
    /// <summary>Writes the header only. <see cref="FrameHeader.PayloadLength"/> is written as given, even if it lies.</summary>
    public static int WriteHeader(in FrameHeader header, Span<byte> destination)
    {
        var encoding = header.EffectiveLengthEncoding;
        var size = header.Size;
        if (destination.Length < size)
        {
            throw new ArgumentException($"destination needs {size} bytes for this header", nameof(destination));
        }

        destination[0] = (byte)((header.Fin ? 0x80 : 0) | (header.Rsv1 ? 0x40 : 0) | (header.Rsv2 ? 0x20 : 0)
            | (header.Rsv3 ? 0x10 : 0) | ((byte)header.Opcode & 0x0F));
        var maskBit = header.Masked ? 0x80 : 0;
        switch (encoding)
        {
            case LengthEncoding.Bits16:
                destination[1] = (byte)(maskBit | 126);
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)header.PayloadLength));
                break;
            case LengthEncoding.Bits64:
                destination[1] = (byte)(maskBit | 127);
                BinaryPrimitives.WriteUInt64BigEndian(destination[2..], header.PayloadLength);
                break;
            default:
                destination[1] = (byte)(maskBit | checked((byte)header.PayloadLength));
                if (header.PayloadLength > 125)
                {
                    throw new ArgumentException("a 7-bit length form carries at most 125", nameof(header));
                }

                break;
        }

        if (header.Masked)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(size - 4)..], header.MaskKey);
        }

        return size;
    }

    /// <summary>Writes header and payload; the payload is masked on the way out when the header is masked.</summary>
    public static void Write(in FrameHeader header, ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        var headerSpan = output.GetSpan(FrameHeaderReader.MaxHeaderSize);
        var written = WriteHeader(header, headerSpan);
        output.Advance(written);
        if (payload.IsEmpty)
        {
            return;
        }

        var body = output.GetSpan(payload.Length)[..payload.Length];
        payload.CopyTo(body);
        if (header.Masked)
        {
            Masking.Apply(body, header.MaskKey);
        }

        output.Advance(payload.Length);
    }

    /// <summary>Convenience for tests and tools: the frame as a byte array.</summary>
    public static byte[] ToBytes(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>(header.Size + payload.Length);
        Write(header, payload, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ToBytes(Frame frame) => ToBytes(frame.Header, frame.Payload.Span);
}
