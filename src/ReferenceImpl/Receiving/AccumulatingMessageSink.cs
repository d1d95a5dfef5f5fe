using System.Buffers;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// Keeps every byte of a message. It grows as bytes arrive, never by an announced length alone, so a lying header costs
/// little memory: it doubles up to 1 MiB in pooled buffers (no zeroing, no garbage); past that, the peer having sent that
/// much, it takes the rest of the announced frame or doubles, whichever is more, capped by the connection's message limit.
/// The finished message is one exact-size copy.
/// </summary>
public sealed class AccumulatingMessageSink : IMessageSink
{
    private const int PooledUpTo = 1 << 20;
    private readonly long _maxMessageSize;
    private byte[] _message = [];
    private bool _pooled;
    private int _length;

    /// <param name="maxMessageSize">The most the pipeline lets a message grow to (it fails the connection beyond it).</param>
    public AccumulatingMessageSink(long maxMessageSize)
    {
        _maxMessageSize = Math.Min(maxMessageSize, Array.MaxLength);
    }

    public void Begin(MessageKind kind, bool compressed) => Release();

    /// <summary>The bytes of the message so far (after <see cref="End"/>: none; see <see cref="KeptMessageConsumer"/>).</summary>
    public ReadOnlySpan<byte> Kept => _message.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> data, ulong expectedMore)
    {
        Ensure(_length + data.Length, expectedMore);
        data.CopyTo(_message.AsSpan(_length));
        _length += data.Length;
    }

    public byte[] End()
    {
        byte[] payload;
        if (!_pooled && _message.Length == _length)
        {
            payload = _message;
            _message = [];
        }
        else
        {
            payload = GC.AllocateUninitializedArray<byte>(_length);
            _message.AsSpan(0, _length).CopyTo(payload);
        }

        Release();
        return payload;
    }

    public void Abandon() => Release();

    private void Release()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_message);
        }

        _message = [];
        _pooled = false;
        _length = 0;
    }

    private void Ensure(long needed, ulong expectedMore)
    {
        if (needed <= _message.Length)
        {
            return;
        }

        var announcedEnd = Math.Min(needed + (long)Math.Min(expectedMore, (ulong)Array.MaxLength), _maxMessageSize);
        var doubled = Math.Max(_message.Length * 2L, 4096);
        var size = (int)Math.Clamp(needed <= PooledUpTo ? Math.Min(doubled, PooledUpTo) : Math.Max(announcedEnd, Math.Min(doubled, _maxMessageSize)), needed, Array.MaxLength);
        var pooled = size <= PooledUpTo;
        var grown = pooled ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        _message.AsSpan(0, _length).CopyTo(grown);
        var length = _length;
        Release();
        _message = grown;
        _pooled = pooled;
        _length = length;
    }
}
