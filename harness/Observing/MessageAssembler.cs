using System.Security.Cryptography;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Observing;

/// <summary>
/// Reassembles the peer's data frames into messages (RFC 6455 5.4), leniently: a continuation with no message in
/// progress is dropped, a new text/binary frame inside a message starts over. <see cref="PeerChecks"/> reports both.
/// Keeps at most <see cref="MaxBytes"/> of a message; its length and SHA-256 always cover all of it.
/// </summary>
public sealed class MessageAssembler : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private IncrementalHash? _hash;
    private bool _binary;
    private long _length;
    private bool _truncated;

    public MessageAssembler(int maxBytes = PeerFrameReader.DefaultMaxPayloadBytes)
    {
        MaxBytes = maxBytes;
    }

    public int MaxBytes { get; }

    /// <summary>True while a fragmented message is in progress.</summary>
    public bool InMessage => _hash is not null;

    /// <summary>Adds a data frame; returns the message when this frame completes one.</summary>
    public ObservedMessage? Add(FrameEntry frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Add(frame, frame.Payload, frame.PayloadTruncated);
    }

    /// <summary>Adds a data frame whose application data is <paramref name="data"/> (inflated, for a compressed message).</summary>
    public ObservedMessage? Add(FrameEntry frame, byte[] data, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(data);
        if (frame.Opcode is Opcode.Text or Opcode.Binary)
        {
            Start(frame.Opcode == Opcode.Binary);
        }
        else if (frame.Opcode != Opcode.Continuation || _hash is null)
        {
            return null;
        }

        _hash!.AppendData(data);
        _length += data.Length;
        _truncated |= truncated;
        var room = MaxBytes - (int)_buffer.Length;
        _buffer.Write(data, 0, Math.Min(room, data.Length));
        _truncated |= data.Length > room;
        if (!frame.Fin)
        {
            return null;
        }

        var message = new ObservedMessage(_binary, _buffer.ToArray(), _length, Convert.ToHexStringLower(_hash.GetHashAndReset()), _truncated, frame.Index);
        Reset();
        return message;
    }

    public void Dispose()
    {
        Reset();
        _buffer.Dispose();
    }

    private void Start(bool binary)
    {
        Reset();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _binary = binary;
    }

    private void Reset()
    {
        _hash?.Dispose();
        _hash = null;
        _buffer.SetLength(0);
        _length = 0;
        _truncated = false;
    }
}
