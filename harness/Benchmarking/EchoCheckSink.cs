using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// Compares each received message, byte by byte as it arrives (inflated, when compressed), with the message the
/// connection expects next, keeps nothing, and reports each completed message to <see cref="Echoed"/> instead of an
/// event: a load generator that accepts wrong echoes measures nothing, and one that allocates per message measures itself.
/// </summary>
internal sealed class EchoCheckSink : IMessageConsumer
{
    private readonly EchoPayload _payload;
    private long _position;
    private bool _differs;
    private MessageKind _kind;

    public EchoCheckSink(EchoPayload payload)
    {
        _payload = payload;
    }

    /// <summary>Called as each message completes: whether it was exactly the expected echo (kind, length, bytes).</summary>
    public Action<bool>? Echoed { get; set; }

    /// <summary>The sequence number the next echo must carry.</summary>
    public long ExpectedSequence { get; set; }

    /// <summary>Whether the last completed message was exactly the expected echo.</summary>
    public bool LastWasCorrect { get; private set; }

    public void Begin(MessageKind kind, bool compressed)
    {
        _position = 0;
        _differs = false;
        _kind = kind;
    }

    public void Append(ReadOnlySpan<byte> data, ulong expectedMore)
    {
        if (_differs)
        {
            return;
        }

        if (_position + data.Length > _payload.LengthOf(ExpectedSequence) || !_payload.Matches(ExpectedSequence, _position, data))
        {
            _differs = true;
            return;
        }

        _position += data.Length;
    }

    public byte[] End()
    {
        LastWasCorrect = !_differs && _position == _payload.LengthOf(ExpectedSequence) && _kind == _payload.Kind;
        Echoed?.Invoke(LastWasCorrect);
        return [];
    }

    public void Abandon() => _differs = true;
}
