using Conformance.ReferenceImpl.Extensions.Managed;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Compresses outgoing messages for permessage-deflate (RFC 7692 7.2.1): raw DEFLATE at zlib's level 6 (or the one given), each call (a
/// message or a fragment of one) ending in a sync flush, the 0x00 0x00 0xff 0xff tail removed at the end of a message,
/// an empty message the single byte 0x00 (RFC 7692 7.2.3.6).
/// <para>
/// On zlib-ng or the system's zlib (<see cref="ZlibAvailability"/>) one deflate stream with the agreed window does it all: no
/// back-reference reaches beyond 2^windowBits bytes (RFC 7692 7.1.2), and without context takeover the stream is reset
/// after each message (RFC 7692 7.1.1). The managed fallback keeps a smaller window by restarting its DeflateStream.
/// </para>
/// </summary>
public sealed class MessageDeflater : IDisposable
{
    private readonly IDeflateEngine _engine;

    /// <param name="windowBits">The largest window this end may use, 8..15 (RFC 7692 7.1.2).</param>
    /// <param name="noContextTakeover">Start every message with an empty window (RFC 7692 7.1.1).</param>
    public MessageDeflater(int windowBits, bool noContextTakeover)
        : this(windowBits, noContextTakeover, DefaultLevel)
    {
    }

    /// <param name="windowBits">The largest window this end may use, 8..15 (RFC 7692 7.1.2).</param>
    /// <param name="noContextTakeover">Start every message with an empty window (RFC 7692 7.1.1).</param>
    /// <param name="level">
    /// The compression level, 1 (fastest) to 9 (smallest); any level makes valid DEFLATE data (RFC 7692 7.2.1). See
    /// <see cref="FastestLevel"/> and <see cref="FastDynamicLevel"/> for what the lowest ones send.
    /// </param>
    public MessageDeflater(int windowBits, bool noContextTakeover, int level)
        : this(windowBits, noContextTakeover, ZlibAvailability.InUse, level)
    {
    }

    internal MessageDeflater(int windowBits, bool noContextTakeover, DeflateImplementation implementation, int level = DefaultLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        if (!Extensions.WindowBits.IsValid(windowBits))
        {
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, "window bits are 8 to 15 (RFC 7692 7.1.2)");
        }

        Implementation = ZlibAvailability.Resolve(implementation);
        _engine = Implementation switch
        {
            DeflateImplementation.ZlibNg => new ZlibNgMessageDeflater(windowBits, noContextTakeover, level),
            DeflateImplementation.Zlib => new ZlibMessageDeflater(windowBits, noContextTakeover, level),
            _ => new ManagedMessageDeflater(windowBits, noContextTakeover, level),
        };
    }

    /// <summary>
    /// The fastest level. On the runtime's zlib-ng it is deflate_quick: static Huffman codes only, one hash probe per
    /// position (a fine choice for a server that wants throughput); on zlib it is deflate_fast, with dynamic Huffman codes.
    /// </summary>
    public const int FastestLevel = 1;

    /// <summary>
    /// The fastest level that sends dynamic Huffman blocks with back-references on every engine (zlib-ng's deflate_fast):
    /// what a conformance harness compresses with, to exercise all of the peer's inflater (RFC 7692 7.2.2).
    /// </summary>
    public const int FastDynamicLevel = 2;

    /// <summary>zlib's default level (6), which most permessage-deflate peers use.</summary>
    public const int DefaultLevel = ZlibDeflater.DefaultLevel;

    /// <summary>What compresses: the runtime's zlib-ng, the system's zlib, or the managed fallback.</summary>
    public DeflateImplementation Implementation { get; }

    /// <summary>
    /// Compresses <paramref name="data"/>, a whole message or one fragment of it, and returns the bytes for the frame's
    /// payload (valid until the next call). Every call ends in a sync flush, so each fragment can be inflated on arrival.
    /// </summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> data, bool endOfMessage) => _engine.Compress(data, endOfMessage);

    public void Dispose() => _engine.Dispose();
}
