using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// Keeps each message as <see cref="AccumulatingMessageSink"/> does (pooled up to 1 MiB, grown only as bytes arrive) but
/// lends the complete message out of its buffer instead of copying it into an event: the echo server sends it from
/// there and releases it, so an echo costs no allocation and an idle connection holds no buffer.
/// </summary>
public sealed class KeptMessageConsumer(long maxMessageSize) : IMessageConsumer
{
    private readonly AccumulatingMessageSink _bytes = new(maxMessageSize);

    /// <summary>True from the end of a message until <see cref="Release"/>.</summary>
    public bool HasMessage { get; private set; }

    public MessageKind Kind { get; private set; }

    /// <summary>The message had RSV1 set and was inflated (RFC 7692 6.2).</summary>
    public bool Compressed { get; private set; }

    /// <summary>The complete message while <see cref="HasMessage"/>.</summary>
    public ReadOnlySpan<byte> Message => HasMessage ? _bytes.Kept : [];

    public void Begin(MessageKind kind, bool compressed)
    {
        Release();
        Kind = kind;
        Compressed = compressed;
        _bytes.Begin(kind, compressed);
    }

    public void Append(ReadOnlySpan<byte> data, ulong expectedMore) => _bytes.Append(data, expectedMore);

    public byte[] End()
    {
        HasMessage = true;
        return [];
    }

    public void Abandon() => Release();

    /// <summary>Gives the message's buffer back.</summary>
    public void Release()
    {
        HasMessage = false;
        _bytes.Abandon();
    }
}
