using Conformance.ReferenceImpl.Extensions.Managed;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Decompresses incoming messages for permessage-deflate (RFC 7692 7.2.2) incrementally, so the caller can stop at its
/// size limit: <see cref="Begin"/>, then <see cref="Add"/> compressed bytes as frames arrive and <see cref="Read"/>
/// until it returns 0, then <see cref="Finish"/> and read the rest, then <see cref="End"/>.
/// <para>
/// On zlib-ng or the system's zlib (<see cref="ZlibAvailability"/>) one inflate stream with the agreed window lives across
/// messages, so context takeover costs nothing, and a peer referring back further than the window it agreed
/// (RFC 7692 7.1.2.1 / 7.1.2.2) fails with <see cref="InflateFailure.DistanceTooFarBack"/> in <see cref="Failure"/>,
/// which <see cref="CheckWithFullWindow"/> confirms or not. A message may end its DEFLATE stream with a final block
/// (RFC 7692 7.2.3.4): the rest of that message is ignored and the window carries over to the next.
/// </para>
/// </summary>
public sealed class MessageInflater : IDisposable
{
    private readonly IInflateEngine _engine;

    /// <param name="noContextTakeover">The peer promised to start every message from an empty window (RFC 7692 7.1.1).</param>
    /// <param name="windowBits">
    /// The largest window the peer agreed to compress with, 8..15 (RFC 7692 7.1.2): the inflater's window. 15, the
    /// default, inflates whatever the peer's window.
    /// </param>
    public MessageInflater(bool noContextTakeover, int windowBits = PerMessageDeflate.MaxWindowBits)
        : this(noContextTakeover, windowBits, ZlibAvailability.InUse)
    {
    }

    internal MessageInflater(bool noContextTakeover, int windowBits, DeflateImplementation implementation)
    {
        if (!Extensions.WindowBits.IsValid(windowBits))
        {
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, "window bits are 8 to 15 (RFC 7692 7.1.2)");
        }

        WindowBits = windowBits;
        Implementation = ZlibAvailability.Resolve(implementation);
        _engine = Implementation switch
        {
            DeflateImplementation.ZlibNg => new ZlibNgMessageInflater(noContextTakeover, windowBits),
            DeflateImplementation.Zlib => new ZlibMessageInflater(noContextTakeover, windowBits),
            _ => new ManagedMessageInflater(noContextTakeover),
        };
    }

    /// <summary>The agreed window, 8..15 (zlib-ng and zlib inflate with it; the fallback always uses 15).</summary>
    public int WindowBits { get; }

    /// <summary>What inflates: the runtime's zlib-ng, the system's zlib, or the managed fallback (which cannot check the window).</summary>
    public DeflateImplementation Implementation { get; }

    /// <summary>Why the current message failed to inflate (<see cref="InflateFailure.None"/> until it did; reset by <see cref="Begin"/>).</summary>
    public InflateFailure Failure => _engine.Failure;

    /// <summary>Starts a compressed message.</summary>
    public void Begin() => _engine.Begin();

    /// <summary>Queues compressed bytes; returns the room to copy them into (fill all of it).</summary>
    public Span<byte> Add(int count) => _engine.Add(count);

    /// <summary>RFC 7692 7.2.2: appends 0x00 0x00 0xff 0xff to the end of the message's compressed data.</summary>
    public void Finish() => _engine.Finish();

    /// <summary>
    /// Decompresses into <paramref name="destination"/>, never more than its length (a decompression bomb costs no
    /// more than the caller gives); 0 when all queued bytes are used (or the data ended).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The bytes are not valid DEFLATE data, or a distance reaches beyond the window: <see cref="Failure"/> says which.
    /// </exception>
    public int Read(Span<byte> destination) => _engine.Read(destination);

    /// <summary>Ends the message: its output is the new window, or none without context takeover.</summary>
    public void End() => _engine.End();

    /// <summary>
    /// After <see cref="End"/>: the message's data, with 0x00 0x00 0xff 0xff appended, stopped inside a DEFLATE block, so
    /// the sender did not end it with an empty stored block (a sync flush) whose tail it removed, nor with a final block
    /// (RFC 7692 7.2.1, 7.2.3.4): its last bits cannot be decoded. Not reported by the managed fallback.
    /// </summary>
    public bool LastMessageEndedInsideBlock => _engine.LastMessageEndedInsideBlock;

    /// <summary>Forgets the window, e.g. when a message was abandoned half way.</summary>
    public void Reset() => _engine.Reset();

    /// <summary>
    /// After <see cref="Read"/> failed (typically with <see cref="InflateFailure.DistanceTooFarBack"/>), and before the next
    /// <see cref="Begin"/>: whether <paramref name="compressedMessage"/>, the compressed bytes of that message so far
    /// (as received, without the appended tail), inflates past the failing byte with a 15-bit window and the same
    /// preceding window. If so the peer used a larger window than it agreed (RFC 7692 7.1.2.1 / 7.1.2.2); if not the
    /// data is invalid (RFC 7692 7.2.2). <see cref="FullWindowCheck.Unavailable"/> on the managed fallback.
    /// </summary>
    public FullWindowCheck CheckWithFullWindow(ReadOnlySpan<byte> compressedMessage) => _engine.CheckWithFullWindow(compressedMessage);

    public void Dispose() => _engine.Dispose();
}
