namespace Conformance.ReferenceImpl.Framing;

/// <summary>What <see cref="FrameDecoder.Decode"/> produced.</summary>
public enum DecodeStatus
{
    /// <summary>All input was used and more is needed.</summary>
    NeedMoreData,

    /// <summary>A whole header was read; see <see cref="FrameDecoder.Header"/>.</summary>
    HeaderReady,

    /// <summary>The consumed bytes are payload, still masked; unmask a copy with <see cref="FrameDecoder.Unmask"/>.</summary>
    Payload,

    /// <summary>The current frame's payload is complete; the next call reads a new header.</summary>
    FrameComplete,
}

/// <summary>
/// Splits a byte stream into headers and payload chunks without buffering payloads, so a frame can be judged
/// (and a text frame's UTF-8 failed) before its last byte arrives. Lenient: it reads any bit pattern.
/// </summary>
public sealed class FrameDecoder
{
    private readonly byte[] _headerBuffer = new byte[FrameHeaderReader.MaxHeaderSize];
    private int _headerFilled;
    private bool _inPayload;
    private int _maskOffset;

    public FrameHeader Header { get; private set; }

    public ulong PayloadRemaining { get; private set; }

    /// <summary>True between a header and the end of its payload.</summary>
    public bool InPayload => _inPayload;

    /// <summary>The bytes of a header not yet complete (a header split across reads), for a log of a stream cut short.</summary>
    public ReadOnlySpan<byte> PendingHeaderBytes => _headerBuffer.AsSpan(0, _headerFilled);

    /// <summary>Reads from <paramref name="input"/>; <paramref name="consumed"/> says how many bytes were used.</summary>
    public DecodeStatus Decode(ReadOnlySpan<byte> input, out int consumed)
    {
        if (_inPayload)
        {
            if (PayloadRemaining == 0)
            {
                _inPayload = false;
                consumed = 0;
                return DecodeStatus.FrameComplete;
            }

            if (input.IsEmpty)
            {
                consumed = 0;
                return DecodeStatus.NeedMoreData;
            }

            consumed = (int)Math.Min((ulong)input.Length, PayloadRemaining);
            PayloadRemaining -= (ulong)consumed;
            return DecodeStatus.Payload;
        }

        return DecodeHeader(input, out consumed);
    }

    /// <summary>Unmasks a copy of the payload chunk just returned, keeping the key position across chunks.</summary>
    public void Unmask(Span<byte> chunk)
    {
        if (Header.Masked)
        {
            _maskOffset = Masking.Apply(chunk, Header.MaskKey, _maskOffset);
        }
    }

    private DecodeStatus DecodeHeader(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        if (_headerFilled == 0 && FrameHeaderReader.TryRead(input, out var direct, out var directSize))
        {
            consumed = directSize;
            return BeginPayload(direct);
        }

        // Slow path: the header is split across reads; gather it byte by byte (at most 14).
        while (consumed < input.Length)
        {
            _headerBuffer[_headerFilled++] = input[consumed++];
            if (FrameHeaderReader.TryRead(_headerBuffer.AsSpan(0, _headerFilled), out var header, out _))
            {
                _headerFilled = 0;
                return BeginPayload(header);
            }
        }

        return DecodeStatus.NeedMoreData;
    }

    private DecodeStatus BeginPayload(FrameHeader header)
    {
        Header = header;
        PayloadRemaining = header.PayloadLength;
        _maskOffset = 0;
        _inPayload = true;
        return DecodeStatus.HeaderReady;
    }
}
