using System.Buffers.Binary;

namespace Conformance.Fuzz.Network;

/// <summary>
/// One frame a network fuzzing input sends: the header fields of RFC 6455 5.2 and a payload, free to break every rule
/// (any opcode, RSV bits, unmasked, a length that lies), or, once byte-level havoc touched it, <see cref="Raw"/> bytes
/// that need not be a frame at all.
/// </summary>
public sealed record WireFrame
{
    public bool Fin { get; init; } = true;

    /// <summary>RSV1..3 as a 3-bit value (RSV1 = 4).</summary>
    public byte Rsv { get; init; }

    /// <summary>0-15, reserved ones included.</summary>
    public byte Opcode { get; init; }

    public bool Masked { get; init; } = true;

    public uint MaskKey { get; init; } = 0x5f3a9c21;

    public byte[] Payload { get; init; } = [];

    /// <summary>The length the header announces instead of the payload's own (a lying length), or null.</summary>
    public ulong? Length { get; init; }

    /// <summary>The exact bytes, header included, replacing every field above; null for a structured frame.</summary>
    public byte[]? Raw { get; init; }

    public bool IsControl => Raw is null && Opcode >= 8;

    public bool IsData => Raw is null && Opcode is 1 or 2;

    /// <summary>How many bytes <see cref="ToBytes"/> writes, without writing them.</summary>
    public int WireLength => Raw?.Length ?? HeaderLength(Length ?? (ulong)Payload.Length, Masked) + Payload.Length;

    private static int HeaderLength(ulong announced, bool masked) => 2 + (announced < 126 ? 0 : announced <= ushort.MaxValue ? 2 : 8) + (masked ? 4 : 0);

    /// <summary>The frame as written on the wire (RFC 6455 5.2: the shortest length form for the announced length).</summary>
    public byte[] ToBytes()
    {
        if (Raw is not null)
        {
            return Raw;
        }

        var announced = Length ?? (ulong)Payload.Length;
        var lengthBytes = announced < 126 ? 0 : announced <= ushort.MaxValue ? 2 : 8;
        var header = HeaderLength(announced, Masked);
        var bytes = new byte[header + Payload.Length];
        bytes[0] = (byte)((Fin ? 0x80 : 0) | ((Rsv & 7) << 4) | (Opcode & 0x0f));
        bytes[1] = (byte)((Masked ? 0x80 : 0) | (lengthBytes == 0 ? (int)announced : lengthBytes == 2 ? 126 : 127));
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)announced);
        }
        else if (lengthBytes == 8)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), announced);
        }

        var payload = bytes.AsSpan(header);
        Payload.CopyTo(payload);
        if (Masked)
        {
            // RFC 6455 5.3: octet i of the payload is XORed with octet i mod 4 of the masking key.
            Span<byte> key = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(key, MaskKey);
            key.CopyTo(bytes.AsSpan(header - 4));
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= key[i & 3];
            }
        }

        return bytes;
    }

    /// <summary>Reads one whole frame from the start of <paramref name="bytes"/> (its payload unmasked), or null when it is not one.</summary>
    public static (WireFrame Frame, int Size)? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2)
        {
            return null;
        }

        var length7 = bytes[1] & 0x7f;
        var lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        var masked = (bytes[1] & 0x80) != 0;
        var header = 2 + lengthBytes + (masked ? 4 : 0);
        if (bytes.Length < header)
        {
            return null;
        }

        var length = lengthBytes == 0 ? (ulong)length7 : lengthBytes == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]) : BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
        if (length > (ulong)(bytes.Length - header))
        {
            return null;
        }

        var key = masked ? BinaryPrimitives.ReadUInt32BigEndian(bytes[(header - 4)..]) : 0u;
        var payload = bytes.Slice(header, (int)length).ToArray();
        for (var i = 0; masked && i < payload.Length; i++)
        {
            payload[i] ^= (byte)(key >> (8 * (3 - (i & 3))));
        }

        var frame = new WireFrame { Fin = (bytes[0] & 0x80) != 0, Rsv = (byte)((bytes[0] >> 4) & 7), Opcode = (byte)(bytes[0] & 0x0f), Masked = masked, MaskKey = key, Payload = payload };

        // A non-minimal length form is kept exactly, as raw bytes.
        var size = header + (int)length;
        return frame.ToBytes().AsSpan().SequenceEqual(bytes[..size]) ? (frame, size) : (frame with { Raw = bytes[..size].ToArray() }, size);
    }

    public override string ToString() => Raw is not null
        ? $"{Raw.Length} raw bytes"
        : $"{OpcodeName(Opcode)}{(Fin ? string.Empty : " (FIN clear)")}{(Rsv != 0 ? $" rsv={Rsv}" : string.Empty)}{(Masked ? string.Empty : " unmasked")} {Payload.Length} bytes{(Length is { } length ? $" announcing {length}" : string.Empty)}";

    public static string OpcodeName(byte opcode) => opcode switch
    {
        0 => "continuation",
        1 => "text",
        2 => "binary",
        8 => "close",
        9 => "ping",
        10 => "pong",
        _ => $"opcode {opcode}",
    };
}
