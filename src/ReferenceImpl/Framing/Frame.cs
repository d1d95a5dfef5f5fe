namespace Conformance.ReferenceImpl.Framing;

/// <summary>A whole frame: header plus unmasked payload. Equal when headers and payload bytes are equal.</summary>
public sealed class Frame : IEquatable<Frame>
{
    public Frame(FrameHeader header, ReadOnlyMemory<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public FrameHeader Header { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>A frame with the given opcode and payload, FIN set, minimal length, unmasked (or masked with <paramref name="maskKey"/>).</summary>
    public static Frame Create(Opcode opcode, ReadOnlyMemory<byte> payload, bool fin = true, uint? maskKey = null) =>
        new(new FrameHeader
        {
            Fin = fin,
            Opcode = opcode,
            Masked = maskKey.HasValue,
            MaskKey = maskKey ?? 0,
            PayloadLength = (ulong)payload.Length,
        }, payload);

    public bool Equals(Frame? other) =>
        other is not null && Header == other.Header && Payload.Span.SequenceEqual(other.Payload.Span);

    public override bool Equals(object? obj) => Equals(obj as Frame);

    public override int GetHashCode() => HashCode.Combine(Header, Payload.Length);

    public override string ToString() => $"{Header} payload={Convert.ToHexString(Payload.Span[..Math.Min(16, Payload.Length)])}";
}
