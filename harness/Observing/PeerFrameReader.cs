using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Observing;

/// <summary>
/// Reads whatever the peer sends as frames, any bit pattern (reserved opcodes, RSV bits, masked, lying or huge
/// lengths), over <see cref="FrameDecoder"/>. It judges nothing. Payload bytes beyond <see cref="MaxPayloadBytes"/>
/// per frame are counted but not kept, so a header announcing gigabytes costs no memory.
/// </summary>
public sealed class PeerFrameReader
{
    /// <summary>The default cap on the payload bytes kept per frame: 64 MiB.</summary>
    public const int DefaultMaxPayloadBytes = 64 * 1024 * 1024;

    private readonly FrameDecoder _decoder = new();
    private readonly List<byte> _headerBytes = new(14);
    private byte[] _payload = [];
    private int _payloadFilled;
    private bool _truncated;
    private bool _inFrame;

    public PeerFrameReader(int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadBytes);
        MaxPayloadBytes = maxPayloadBytes;
    }

    public int MaxPayloadBytes { get; }

    /// <summary>True when bytes of an unfinished frame are held (the peer stopped mid-frame if the stream ends now).</summary>
    public bool HasPartialFrame => _inFrame || _headerBytes.Count > 0;

    /// <summary>Feeds bytes; the frames they complete are appended to <paramref name="frames"/>.</summary>
    public void Feed(ReadOnlySpan<byte> data, ICollection<ReceivedFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        while (true)
        {
            var status = _decoder.Decode(data, out var consumed);
            if (!_inFrame)
            {
                foreach (var b in data[..consumed])
                {
                    _headerBytes.Add(b);
                }
            }

            switch (status)
            {
                case DecodeStatus.NeedMoreData:
                    return;
                case DecodeStatus.HeaderReady:
                    StartFrame();
                    break;
                case DecodeStatus.Payload:
                    Keep(data[..consumed]);
                    break;
                case DecodeStatus.FrameComplete:
                    frames.Add(new ReceivedFrame(_decoder.Header, [.. _headerBytes], _payload.AsSpan(0, _payloadFilled).ToArray(), _truncated));
                    _headerBytes.Clear();
                    _payload = [];
                    _payloadFilled = 0;
                    _inFrame = false;
                    break;
            }

            data = data[consumed..];
        }
    }

    /// <summary>The bytes of the unfinished frame so far (header, then the kept payload unmasked), for the wire log at end of stream.</summary>
    public byte[] PartialFrameBytes() => [.. _headerBytes, .. _payload.AsSpan(0, _payloadFilled)];

    private void StartFrame()
    {
        _inFrame = true;
        _truncated = false;
        _payloadFilled = 0;
        var announced = _decoder.Header.PayloadLength;
        // Grown as bytes arrive, so a lying header allocates nothing up front.
        _payload = announced == 0 ? [] : new byte[(int)Math.Min(announced, Math.Min(64 * 1024, (ulong)MaxPayloadBytes))];
    }

    private void Keep(ReadOnlySpan<byte> chunk)
    {
        var room = MaxPayloadBytes - _payloadFilled;
        if (chunk.Length > room)
        {
            _truncated = true;
            chunk = chunk[..room];
        }

        if (chunk.IsEmpty)
        {
            return;
        }

        var needed = _payloadFilled + chunk.Length;
        if (needed > _payload.Length)
        {
            var size = Math.Min(Math.Max(needed, _payload.Length * 2L), Math.Min((long)MaxPayloadBytes, (long)Math.Min(_decoder.Header.PayloadLength, int.MaxValue)));
            Array.Resize(ref _payload, (int)Math.Max(size, needed));
        }

        var target = _payload.AsSpan(_payloadFilled, chunk.Length);
        chunk.CopyTo(target);
        _decoder.Unmask(target);
        _payloadFilled += chunk.Length;
    }
}
