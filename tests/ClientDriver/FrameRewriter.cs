using Conformance.ReferenceImpl.Framing;

namespace Conformance.ClientDriver;

/// <summary>
/// Rewrites whole frames in a byte stream (buffering partial ones), so a broken client can break one rule on the wire
/// while the reference core does everything else: change a frame's mask, or swap text and binary opcodes.
/// </summary>
internal sealed class FrameRewriter(Func<FrameHeader, FrameHeader> rewrite)
{
    private readonly List<byte> _pending = [];

    /// <summary>The complete frames among what has arrived so far, rewritten; a partial frame waits for its rest.</summary>
    public byte[] Rewrite(ReadOnlySpan<byte> bytes)
    {
        _pending.AddRange(bytes);
        var output = new List<byte>();
        var data = _pending.ToArray();
        var at = 0;
        while (FrameHeaderReader.TryRead(data.AsSpan(at), out var header, out var headerSize) && data.Length - at - headerSize >= (long)header.PayloadLength)
        {
            var payload = data.AsSpan(at + headerSize, (int)header.PayloadLength).ToArray();
            if (header.Masked)
            {
                Masking.Apply(payload, header.MaskKey);
            }

            // ToBytes masks the (now plain) payload with the new header's key, if it has one.
            output.AddRange(FrameWriter.ToBytes(rewrite(header) with { LengthEncoding = LengthEncoding.Minimal }, payload));
            at += headerSize + (int)header.PayloadLength;
        }

        _pending.RemoveRange(0, at);
        return [.. output];
    }
}
