namespace Conformance.ReferenceImpl.Framing;

/// <summary>
/// A frame header that can express any bit pattern of RFC 6455 5.2: RSV bits, reserved opcodes,
/// masked or not, any length form including non-minimal ones and a 64-bit length with its MSB set.
/// </summary>
public readonly record struct FrameHeader
{
    public bool Fin { get; init; }
    public bool Rsv1 { get; init; }
    public bool Rsv2 { get; init; }
    public bool Rsv3 { get; init; }
    public Opcode Opcode { get; init; }
    public bool Masked { get; init; }

    /// <summary>The masking key in network byte order as read from the wire (only meaningful when <see cref="Masked"/>).</summary>
    public uint MaskKey { get; init; }

    public ulong PayloadLength { get; init; }

    /// <summary>The length form on the wire. The parser always reports the form it saw (never <see cref="LengthEncoding.Minimal"/>).</summary>
    public LengthEncoding LengthEncoding { get; init; }

    /// <summary>The RSV bits as the three-bit value they form (RSV1 = 4, RSV2 = 2, RSV3 = 1).</summary>
    public int RsvBits => (Rsv1 ? 4 : 0) | (Rsv2 ? 2 : 0) | (Rsv3 ? 1 : 0);

    /// <summary>The length form that will actually be written.</summary>
    public LengthEncoding EffectiveLengthEncoding =>
        LengthEncoding == LengthEncoding.Minimal ? LengthEncodingRules.MinimalFor(PayloadLength) : LengthEncoding;

    /// <summary>Header size in bytes on the wire: 2 + extended length + 4 for a mask key.</summary>
    public int Size => 2 + LengthEncodingRules.ExtraBytes(EffectiveLengthEncoding) + (Masked ? 4 : 0);

    /// <summary>True when the length uses more bytes than needed (RFC 6455 5.2: "the minimal number of bytes MUST be used").</summary>
    public bool HasNonMinimalLength => EffectiveLengthEncoding != LengthEncodingRules.MinimalFor(PayloadLength);

    public override string ToString() =>
        $"{Opcode}(0x{(byte)Opcode:X}) fin={(Fin ? 1 : 0)} rsv={RsvBits} masked={(Masked ? 1 : 0)} len={PayloadLength} ({EffectiveLengthEncoding})";
}
