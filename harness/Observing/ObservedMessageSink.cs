using System.Security.Cryptography;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.Harness.Observing;

/// <summary>
/// The observer's message sink: keeps the first <c>keep</c> bytes of each message and its length, and either a SHA-256
/// of all of it or, for the echo of a round trip, a byte-by-byte comparison with what was sent, as the data streams in.
/// A 16 MiB echo or a decompression bomb costs it no memory.
/// </summary>
public sealed class ObservedMessageSink : IMessageSink, IDisposable
{
    private readonly int _keep;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _head = [];
    private int _kept;
    private long _length;
    private ReadOnlyMemory<byte>? _expected;
    private long? _firstDifference;

    public ObservedMessageSink(int keep = 4096)
    {
        _keep = keep;
    }

    /// <summary>The next message is the echo of <paramref name="sent"/>: compare instead of hashing.</summary>
    public void ExpectEcho(ReadOnlyMemory<byte> sent) => _expected = sent;

    /// <summary>What the last completed message was: length, SHA-256 (null when compared), and the comparison.</summary>
    public (long Length, string? Sha256, bool? EchoEqual, long? FirstDifference) Last { get; private set; }

    public void Begin(MessageKind kind, bool compressed)
    {
        _kept = 0;
        _length = 0;
        _firstDifference = null;
        if (_expected is null)
        {
            _hash.GetHashAndReset();
        }
    }

    public void Append(ReadOnlySpan<byte> data, ulong expectedMore)
    {
        var room = Math.Min(_keep - _kept, data.Length);
        if (room > 0)
        {
            if (_kept + room > _head.Length)
            {
                Array.Resize(ref _head, Math.Min(_keep, Math.Max(_kept + room, _head.Length * 2)));
            }

            data[..room].CopyTo(_head.AsSpan(_kept));
            _kept += room;
        }

        if (_expected is { } expected)
        {
            Compare(expected, data);
        }
        else
        {
            _hash.AppendData(data);
        }

        _length += data.Length;
    }

    public byte[] End()
    {
        if (_expected is { } expected)
        {
            var equal = _firstDifference is null && _length == expected.Length;
            Last = (_length, null, equal, equal ? null : _firstDifference ?? Math.Min(_length, expected.Length));
            _expected = null;
        }
        else
        {
            Last = (_length, Convert.ToHexStringLower(_hash.GetHashAndReset()), null, null);
        }

        return _head.AsSpan(0, _kept).ToArray();
    }

    public void Abandon()
    {
        _kept = 0;
        _length = 0;
    }

    public void Dispose() => _hash.Dispose();

    private void Compare(ReadOnlyMemory<byte> expectedMemory, ReadOnlySpan<byte> data)
    {
        var expected = expectedMemory.Span;
        if (_firstDifference is not null)
        {
            return;
        }

        var overlap = (int)Math.Clamp(expected.Length - _length, 0, data.Length);
        var at = data[..overlap].CommonPrefixLength(expected.Slice((int)Math.Min(_length, expected.Length), overlap));
        if (at < overlap || overlap < data.Length)
        {
            _firstDifference = _length + at;
        }
    }
}
