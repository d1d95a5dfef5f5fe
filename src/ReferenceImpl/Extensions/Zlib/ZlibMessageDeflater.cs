namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// permessage-deflate compression on one zlib stream with the agreed window (RFC 7692 7.1.2), kept across messages for
/// context takeover and reset (deflateReset, not a new stream) after each message without it (RFC 7692 7.1.1).
/// </summary>
internal sealed class ZlibMessageDeflater : IDeflateEngine
{
    /// <summary>The smallest window zlib makes a raw deflate stream with.</summary>
    private const int SmallestZlibWindowBits = 9;

    private readonly ZlibDeflater _zlib;
    private readonly bool _noContextTakeover;
    private readonly DeflateOutput _output = new();

    public ZlibMessageDeflater(int windowBits, bool noContextTakeover, int level = ZlibDeflater.DefaultLevel)
    {
        // RFC 7692 7.1.2.1 / 7.1.2.2: an agreed 8-bit window (256 bytes) is kept with zlib's 9-bit one. zlib refuses
        // windowBits 8 for raw deflate (older versions promoted it to 9), and its deflate never emits a distance beyond
        // MAX_DIST = 2^bits - MIN_LOOKAHEAD (deflate.h: 258 + 3 + 1 = 262), so a 9-bit stream refers back at most
        // 512 - 262 = 250 bytes, within the 256 agreed. Every other window goes to zlib as it is (2^bits - 262 < 2^bits).
        _zlib = new ZlibDeflater(Math.Max(windowBits, SmallestZlibWindowBits), level);
        _noContextTakeover = noContextTakeover;
    }

    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> data, bool endOfMessage)
    {
        _output.Clear();

        // RFC 7692 7.2.1: every call ends in a sync flush (an empty stored block), so each fragment inflates on arrival.
        _zlib.CompressWithSyncFlush(data, _output);
        if (endOfMessage)
        {
            _output.EndMessage();

            // RFC 7692 7.1.1.1 / 7.1.1.2: without context takeover the next message starts from an empty window.
            if (_noContextTakeover)
            {
                _zlib.Reset();
            }
        }

        return _output.Written;
    }

    public void Dispose() => _zlib.Dispose();
}
