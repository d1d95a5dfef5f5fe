using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Observing;

/// <summary>
/// One frame, either way: the header exactly as on the wire (<see cref="HeaderBytes"/>, and parsed in
/// <see cref="Header"/>) and the payload unmasked. A received payload beyond the reader's cap is not kept
/// (<see cref="PayloadTruncated"/>); its length is still in the header.
/// </summary>
public sealed record FrameEntry(WireDirection Direction, FrameHeader Header, byte[] HeaderBytes, byte[] Payload, bool PayloadTruncated = false) : WireEntry
{
    public bool Fin => Header.Fin;

    public int Rsv => Header.RsvBits;

    public Opcode Opcode => Header.Opcode;

    public bool Masked => Header.Masked;

    public uint? MaskKey => Header.Masked ? Header.MaskKey : null;

    /// <summary>The length the header announces (which a lying frame may not carry).</summary>
    public ulong Length => Header.PayloadLength;

    public LengthEncoding LengthForm => Header.EffectiveLengthEncoding;

    /// <summary>
    /// For a frame of a permessage-deflate compressed message (RFC 7692 6): the uncompressed bytes this frame carries,
    /// as the harness compressed them or inflated them; null for other frames (or when not kept).
    /// </summary>
    public byte[]? Inflated { get; init; }

    /// <summary>How many bytes the frame's data inflated to (or was before compression), all of it; <see cref="Inflated"/> may hold only the first.</summary>
    public long InflatedLength { get; init; }

    /// <summary>The SHA-256 of the whole payload when <see cref="Payload"/> holds only its first bytes and the whole was known (a frame the harness sent).</summary>
    public string? PayloadSha256 { get; init; }

    /// <summary>A short description for reasons: "#7 text fin=1 rsv=0 len=5".</summary>
    public string Describe() =>
        $"frame #{Index} ({Direction.ToString().ToLowerInvariant()}) {Opcode.Name()} fin={(Fin ? 1 : 0)} rsv={Rsv} masked={(Masked ? 1 : 0)} len={Length}";
}
