using System.Security.Cryptography;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// The message one connection sends over and over: random bytes (binary) or printable ASCII (text, valid UTF-8), its
/// first 8 bytes overwritten by the message's sequence number in hex, so a lost, repeated or reordered echo is caught.
/// With permessage-deflate the body is words (compressible), as real traffic is. With a size range, message n's length
/// is drawn from it by a hash of n, so the sender and the check agree without keeping anything per message.
/// </summary>
internal sealed class EchoPayload
{
    private const int StampLength = 8;
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();
    private readonly byte[] _bytes;
    private readonly int _minSize;

    public EchoPayload(int size, MessageKind kind, bool compressible, int? maxSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize ?? size, size, nameof(maxSize));
        Kind = kind;
        _minSize = size;
        size = maxSize ?? size;
        _bytes = new byte[size];
        if (compressible)
        {
            var words = "echo load frame payload websocket message server client deflate window "u8;
            for (var i = 0; i < size; i++)
            {
                _bytes[i] = words[i % words.Length];
            }
        }
        else if (kind == MessageKind.Text)
        {
            for (var i = 0; i < size; i++)
            {
                _bytes[i] = (byte)RandomNumberGenerator.GetInt32('!', '~' + 1);
            }
        }
        else
        {
            RandomNumberGenerator.Fill(_bytes);
        }
    }

    public MessageKind Kind { get; }

    /// <summary>The largest message.</summary>
    public int Length => _bytes.Length;

    /// <summary>The length of message <paramref name="sequence"/>.</summary>
    public int LengthOf(long sequence) => _minSize == _bytes.Length
        ? _minSize
        : _minSize + (int)(Mix((ulong)sequence) % (ulong)(_bytes.Length - _minSize + 1));

    /// <summary>The payload of message <paramref name="sequence"/> (valid until the next call).</summary>
    public ReadOnlySpan<byte> For(long sequence)
    {
        var length = LengthOf(sequence);
        Stamp(sequence, _bytes.AsSpan(0, length));
        return _bytes.AsSpan(0, length);
    }

    /// <summary>Whether <paramref name="received"/> equals message <paramref name="sequence"/>'s bytes from <paramref name="offset"/>.</summary>
    public bool Matches(long sequence, long offset, ReadOnlySpan<byte> received)
    {
        var index = 0;
        var stampLength = Math.Min(StampLength, LengthOf(sequence));
        Span<byte> stamp = stackalloc byte[StampLength];
        Stamp(sequence, stamp[..stampLength]);
        while (index < received.Length && offset + index < stampLength)
        {
            if (received[index] != stamp[(int)offset + index])
            {
                return false;
            }

            index++;
        }

        return received[index..].SequenceEqual(_bytes.AsSpan((int)offset + index, received.Length - index));
    }

    // SplitMix64's finaliser: consecutive sequence numbers spread over the whole range.
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    private static void Stamp(long sequence, Span<byte> target)
    {
        var value = (uint)sequence;
        var count = Math.Min(StampLength, target.Length);
        for (var i = count - 1; i >= 0; i--)
        {
            target[i] = HexDigits[(int)(value & 0xF)];
            value >>= 4;
        }
    }
}
