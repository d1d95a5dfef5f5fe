namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// One raw zlib-ng deflate stream (RFC 1951) whose every <see cref="CompressWithSyncFlush"/> ends in a sync flush
/// (RFC 7692 7.2.1), so its output is always a whole number of blocks ending in 0x00 0x00 0xff 0xff. The calls are
/// those of <see cref="Zlib.ZlibDeflater"/>; only the binding differs.
/// </summary>
internal sealed unsafe class ZlibNgDeflater : IDisposable
{
    /// <summary>
    /// zlib's default memory level. zlib-ng's hash table has a fixed 2^16 entries (deflate.h HASH_BITS), so unlike zlib's,
    /// memLevel does not size it: it only sets the symbols per block, 2^(memLevel+6), and nothing is gained by
    /// following the window with it.
    /// </summary>
    public const int MemLevel = 8;

    private readonly ZlibNgStreamHandle _stream;

    /// <summary>The most a sync flush can emit after all input was taken without flushing (see <see cref="Zlib.ZlibDeflater"/>).</summary>
    private readonly int _flushBound = ((1 << (MemLevel + 6)) * 6) + 1024;

    /// <param name="windowBits">9..15: zlib-ng, like zlib, makes no raw deflate stream with an 8-bit window.</param>
    /// <param name="level">zlib-ng's own level, 0..9.</param>
    public ZlibNgDeflater(int windowBits, int level)
    {
        _stream = ZlibNgStreamHandle.ForDeflate(level, windowBits, MemLevel);
    }

    /// <summary>Compresses <paramref name="data"/> and appends the compressed bytes, ending in a sync flush, to <paramref name="output"/>.</summary>
    /// <param name="data">A message or a fragment of one.</param>
    /// <param name="output">Where the compressed bytes are appended.</param>
    /// <param name="forgetWindow">
    /// End with a full flush instead: the same empty stored block, after which zlib-ng forgets the window (deflate.c
    /// clears the hash table and, all input taken, restarts at window position 0), so nothing that follows refers back
    /// across it; as cheap as deflateReset (both clear the hash table), without the deflateEnd + deflateInit2 a reset
    /// needs on the runtime's exports (measured in bench/Conformance.Benchmarks/README.md).
    /// </param>
    public void CompressWithSyncFlush(ReadOnlySpan<byte> data, DeflateOutput output, bool forgetWindow = false)
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        ref var z = ref _stream.Fields;
        fixed (byte* input = data)
        {
            z.NextIn = (nint)input;
            z.AvailIn = (uint)data.Length;

            // First take all the input without flushing, until zlib-ng has no pending output left.
            if (!data.IsEmpty)
            {
                uint left;
                do
                {
                    left = Deflate(output, Math.Clamp((int)z.AvailIn / 2, 256, 1 << 16), ZlibNgNative.NoFlush);
                }
                while (z.AvailIn > 0 || left == 0);
            }

            // Then flush with room for all that is left in one call (a sync flush that runs out of room repeats its
            // empty stored block on the next call, zlib.h).
            var room = (int)Math.Min(_flushBound, (2L * data.Length) + 1024);
            var flush = forgetWindow ? ZlibNgNative.FullFlush : ZlibNgNative.SyncFlush;
            while (Deflate(output, room, flush) == 0)
            {
                room = _flushBound;
            }

            z.NextIn = 0;
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>One deflate call into at least <paramref name="room"/> bytes of <paramref name="output"/>; returns the space left unused.</summary>
    private uint Deflate(DeflateOutput output, int room, int flush)
    {
        ref var z = ref _stream.Fields;
        var space = output.GetSpan(room);
        int code;
        fixed (byte* next = space)
        {
            z.NextOut = (nint)next;
            z.AvailOut = (uint)space.Length;
            code = ZlibNgNative.Deflate(_stream, flush);
            output.Advance(space.Length - (int)z.AvailOut);
            z.NextOut = 0;
        }

        // Z_BUF_ERROR: nothing to do, e.g. a sync flush right after another with no input in between (nothing written).
        if (code == ZlibNgNative.BufError)
        {
            return 1;
        }

        if (code != ZlibNgNative.Ok)
        {
            throw code == ZlibNgNative.MemError
                ? new OutOfMemoryException("zlib-ng deflate: out of memory")
                : new InvalidOperationException($"zlib-ng deflate failed: {ZlibNgNative.Message(_stream, code)}");
        }

        return z.AvailOut;
    }
}
