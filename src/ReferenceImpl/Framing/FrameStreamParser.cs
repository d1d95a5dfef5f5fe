using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>
/// Turns a byte stream, fed in any pieces, into whole frames with unmasked payloads. With a
/// <see cref="FrameRuleContext"/> it is strict and throws <see cref="ProtocolViolationException"/> at the first
/// header that breaks a per-frame rule; without one it reads any bit pattern (up to <see cref="Array.MaxLength"/> bytes a payload).
/// </summary>
public sealed class FrameStreamParser
{
    private readonly FrameDecoder _decoder = new();
    private readonly FrameRuleContext? _rules;
    private byte[] _payload = [];
    private int _payloadFilled;

    public FrameStreamParser(FrameRuleContext? rules = null)
    {
        _rules = rules;
    }

    /// <summary>Feeds bytes and returns the frames they completed (possibly none).</summary>
    public IReadOnlyList<Frame> Feed(ReadOnlySpan<byte> data)
    {
        List<Frame>? frames = null;
        while (true)
        {
            var status = _decoder.Decode(data, out var consumed);
            switch (status)
            {
                case DecodeStatus.NeedMoreData:
                    return frames ?? (IReadOnlyList<Frame>)[];
                case DecodeStatus.HeaderReady:
                    StartFrame(_decoder.Header);
                    break;
                case DecodeStatus.Payload:
                    EnsureCapacity(_payloadFilled + consumed);
                    var chunk = _payload.AsSpan(_payloadFilled, consumed);
                    data[..consumed].CopyTo(chunk);
                    _decoder.Unmask(chunk);
                    _payloadFilled += consumed;
                    break;
                case DecodeStatus.FrameComplete:
                    (frames ??= []).Add(new Frame(_decoder.Header, _payload.AsMemory(0, _payloadFilled)));
                    _payload = [];
                    _payloadFilled = 0;
                    break;
            }

            data = data[consumed..];
        }
    }

    private void StartFrame(FrameHeader header)
    {
        if (_rules is not null && FrameRules.Check(header, _rules) is { } violation)
        {
            throw new ProtocolViolationException(violation);
        }

        if (header.PayloadLength > (ulong)Array.MaxLength)
        {
            throw new ProtocolViolationException(new ProtocolViolation(ProtocolRule.FrameTooLarge,
                $"{header.PayloadLength} bytes cannot be held in memory"));
        }

        // Grown as bytes arrive, so a header that announces gigabytes allocates nothing up front.
        _payload = header.PayloadLength == 0 ? [] : new byte[(int)Math.Min(header.PayloadLength, 64 * 1024)];
        _payloadFilled = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _payload.Length)
        {
            // Double up to 1 MiB; past that the peer has sent enough to earn the announced size.
            var size = needed <= 1 << 20 ? Math.Max(needed, _payload.Length * 2L) : (long)_decoder.Header.PayloadLength;
            size = (long)Math.Min((ulong)size, _decoder.Header.PayloadLength);
            Array.Resize(ref _payload, (int)size);
        }
    }
}
