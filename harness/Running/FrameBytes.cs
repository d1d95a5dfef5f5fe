using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running;

/// <summary>A <see cref="FrameSpec"/> as exact wire bytes: nothing fixed, a fresh random mask key unless one is given (RFC 6455 5.3).</summary>
internal static class FrameBytes
{
    public static (FrameHeader Header, byte[] Bytes) Build(FrameSpec spec)
    {
        var header = Header(spec);
        return (header, FrameWriter.ToBytes(header, spec.Payload));
    }

    /// <summary>The header a <see cref="FrameSpec"/> writes, its masking key chosen (RFC 6455 5.3).</summary>
    public static FrameHeader Header(FrameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new FrameHeader
        {
            Fin = spec.Fin,
            Rsv1 = (spec.Rsv & 4) != 0,
            Rsv2 = (spec.Rsv & 2) != 0,
            Rsv3 = (spec.Rsv & 1) != 0,
            Opcode = (Opcode)(spec.Opcode & 0x0F),
            Masked = spec.Masked,
            // RFC 6455 5.3: the masking key is a fresh unpredictable 32-bit value for every frame.
            MaskKey = spec.Masked ? spec.MaskKey ?? MaskKeys.Next() : 0,
            PayloadLength = spec.LengthOverride ?? (ulong)spec.Payload.Length,
            LengthEncoding = spec.LengthForm,
        };
    }

    /// <summary>The bytes of the frame a step writes: all of it, or the slice [SliceFrom, SliceTo) the case asks for.</summary>
    public static byte[] Slice(FrameSpec spec, byte[] wire)
    {
        var (from, to) = SliceBounds(spec, wire.Length);
        return from == 0 && to == wire.Length ? wire : wire[from..to];
    }

    public static (int From, int To) SliceBounds(FrameSpec spec, int length) =>
        (Math.Clamp(spec.SliceFrom ?? 0, 0, length), Math.Clamp(spec.SliceTo ?? length, 0, length));

    /// <summary>A close frame as a conformant client sends it: masked, the code (if any) then the UTF-8 reason (RFC 6455 5.5.1).</summary>
    public static FrameSpec Close(ushort? code, string reason)
    {
        var body = code is null ? [] : new byte[2 + System.Text.Encoding.UTF8.GetByteCount(reason)];
        if (code is { } value)
        {
            body[0] = (byte)(value >> 8);
            body[1] = (byte)value;
            System.Text.Encoding.UTF8.GetBytes(reason, body.AsSpan(2));
        }

        return new FrameSpec { Opcode = (byte)Opcode.Close, Payload = body };
    }
}
