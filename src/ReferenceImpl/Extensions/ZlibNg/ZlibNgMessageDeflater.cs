namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// permessage-deflate compression on one zlib-ng stream (the runtime's) with the agreed window (RFC 7692 7.1.2), kept
/// across messages for context takeover; without it (RFC 7692 7.1.1) each message ends in a full flush, after which
/// the stream refers back to nothing before it, as a reset one would (the runtime exports no deflateReset, and
/// deflateEnd + deflateInit2 costs more: see the benchmarks' README).
/// </summary>
internal sealed class ZlibNgMessageDeflater : IDeflateEngine
{
    /// <summary>The smallest window zlib-ng makes a raw deflate stream with.</summary>
    private const int SmallestWindowBits = 9;

    private readonly ZlibNgDeflater _deflater;
    private readonly bool _noContextTakeover;
    private readonly DeflateOutput _output = new();

    /// <param name="windowBits">The largest window this end may use, 8..15 (RFC 7692 7.1.2).</param>
    /// <param name="noContextTakeover">Start every message with an empty window (RFC 7692 7.1.1).</param>
    /// <param name="level">The level, 1..9 (see <see cref="MessageDeflater.FastestLevel"/>).</param>
    public ZlibNgMessageDeflater(int windowBits, bool noContextTakeover, int level)
    {
        // RFC 7692 7.1.2.1 / 7.1.2.2: an agreed 8-bit window (256 bytes) is kept with a 9-bit one. zlib-ng refuses
        // windowBits 8 for raw deflate (deflate.c: windowBits == 8 only with the zlib wrapper, then made 9), and no
        // strategy emits a distance beyond MAX_DIST = w_size - MIN_LOOKAHEAD (deflate.h: 258 + 3 + 1 = 262; deflate_quick
        // checks dist <= MAX_DIST too), so a 9-bit stream refers back at most 512 - 262 = 250 bytes, within the 256 agreed.
        _deflater = new ZlibNgDeflater(Math.Max(windowBits, SmallestWindowBits), level);
        _noContextTakeover = noContextTakeover;
    }

    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> data, bool endOfMessage)
    {
        _output.Clear();

        // RFC 7692 7.2.1: every call ends in a sync flush (an empty stored block), so each fragment inflates on arrival.
        // RFC 7692 7.1.1.1 / 7.1.1.2: without context takeover the last one is a full flush (the same empty stored
        // block), so the next message starts from an empty window.
        _deflater.CompressWithSyncFlush(data, _output, forgetWindow: endOfMessage && _noContextTakeover);
        if (endOfMessage)
        {
            _output.EndMessage();
        }

        return _output.Written;
    }

    public void Dispose() => _deflater.Dispose();
}
