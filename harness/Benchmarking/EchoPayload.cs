using System.Security.Cryptography;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// The message one connection sends over and over: random bytes (binary) or printable ASCII (text, valid UTF-8), its
/// first 8 bytes overwritten by the message's sequence number in hex, so a lost, repeated or reordered echo is caught.
/// With permessage-deflate the body is words (compressible), as real traffic is.
/// </summary>
internal sealed class EchoPayload
{
    private const int StampLength = 8;
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();
    private readonly byte[] _bytes;

    public EchoPayload(int size, MessageKind kind, bool compressible)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Kind = kind;
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

    public int Length => _bytes.Length;

    /// <summary>The payload of message <paramref name="sequence"/> (valid until the next call).</summary>
    public ReadOnlySpan<byte> For(long sequence)
    {
        Stamp(sequence, _bytes);
        return _bytes;
    }

    /// <summary>Whether <paramref name="received"/> equals message <paramref name="sequence"/>'s bytes from <paramref name="offset"/>.</summary>
    public bool Matches(long sequence, long offset, ReadOnlySpan<byte> received)
    {
        var index = 0;
        var stampLength = Math.Min(StampLength, _bytes.Length);
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
