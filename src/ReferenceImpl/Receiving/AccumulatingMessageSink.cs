using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// Keeps every byte of a message. Grows as bytes arrive, never by an announced length alone, so a lying header costs
/// little memory: it doubles up to 1 MiB; past that, the peer having sent that much, it takes the rest of the announced
/// frame or doubles, whichever is more, capped by the connection's message limit.
/// </summary>
public sealed class AccumulatingMessageSink : IMessageSink
{
    private const int GrowthStep = 1 << 20;
    private readonly long _maxMessageSize;
    private byte[] _message = [];
    private int _length;

    /// <param name="maxMessageSize">The most the pipeline lets a message grow to (it fails the connection beyond it).</param>
    public AccumulatingMessageSink(long maxMessageSize)
    {
        _maxMessageSize = Math.Min(maxMessageSize, Array.MaxLength);
    }

    public void Begin(MessageKind kind, bool compressed)
    {
        _message = [];
        _length = 0;
    }

    public void Append(ReadOnlySpan<byte> data, ulong expectedMore)
    {
        Ensure(_length + data.Length, expectedMore);
        data.CopyTo(_message.AsSpan(_length));
        _length += data.Length;
    }

    public byte[] End()
    {
        var payload = _message.Length == _length ? _message : _message.AsSpan(0, _length).ToArray();
        _message = [];
        _length = 0;
        return payload;
    }

    public void Abandon()
    {
        _message = [];
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
        var size = needed <= GrowthStep ? Math.Min(doubled, GrowthStep) : Math.Max(announcedEnd, Math.Min(doubled, _maxMessageSize));
        Array.Resize(ref _message, (int)Math.Clamp(size, needed, Array.MaxLength));
    }
}
