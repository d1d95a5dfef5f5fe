using Conformance.ReferenceImpl.Framing;

namespace Conformance.Fuzz.Property;

/// <summary>One frame a generated client sends: any opcode, FIN, RSV bits, payload, masked or not (RFC 6455 5.2).</summary>
public sealed record FuzzFrame(Opcode Opcode, bool Fin, byte Rsv, byte[] Payload, bool Masked = true)
{
    public byte[] ToBytes(uint maskKey = 0x1a2b3c4d) => FrameWriter.ToBytes(
        new FrameHeader
        {
            Fin = Fin,
            Rsv1 = (Rsv & 4) != 0,
            Rsv2 = (Rsv & 2) != 0,
            Rsv3 = (Rsv & 1) != 0,
            Opcode = Opcode,
            Masked = Masked,
            MaskKey = Masked ? maskKey : 0,
            PayloadLength = (ulong)Payload.Length,
        },
        Payload);

    public override string ToString() => $"{Opcode.Name()}{(Fin ? string.Empty : " (FIN clear)")}{(Rsv != 0 ? $" rsv={Rsv}" : string.Empty)}{(Masked ? string.Empty : " unmasked")} {Payload.Length} bytes";
}

/// <summary>
/// A generated client exchange: frames in order, written in pieces of <see cref="Chop"/> bytes (0: one write), then
/// the harness's close 1000 unless a frame already closed or broke the connection.
/// </summary>
public sealed record FuzzExchange(IReadOnlyList<FuzzFrame> Frames, int Chop)
{
    /// <summary>Frames and payload bytes: what shrinking makes smaller.</summary>
    public int Size => Frames.Count + Frames.Sum(f => f.Payload.Length);

    public override string ToString() => $"{Frames.Count} frames{(Chop > 0 ? $" in {Chop}-byte writes" : string.Empty)}: {string.Join("; ", Frames)}";
}
