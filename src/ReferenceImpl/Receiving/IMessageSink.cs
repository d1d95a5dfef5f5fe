using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// Where the application data of each received message goes as it is unmasked (or inflated), frame by frame. The
/// reference endpoint keeps every byte (<see cref="AccumulatingMessageSink"/>); an observer may keep a digest instead,
/// so a 16 MiB echo or a decompression bomb costs it no memory.
/// </summary>
public interface IMessageSink
{
    /// <summary>A data message starts (its first frame arrived).</summary>
    void Begin(MessageKind kind, bool compressed);

    /// <summary>
    /// The next application data of the message. <paramref name="expectedMore"/> is how many payload bytes the current
    /// frame still announces (a hint for growing a buffer; a lying header may announce anything).
    /// </summary>
    void Append(ReadOnlySpan<byte> data, ulong expectedMore);

    /// <summary>The message is complete: the payload its <see cref="MessageReceived"/> event carries (what the sink kept).</summary>
    byte[] End();

    /// <summary>The message will not complete (the connection failed, or a new message replaced it).</summary>
    void Abandon();
}
