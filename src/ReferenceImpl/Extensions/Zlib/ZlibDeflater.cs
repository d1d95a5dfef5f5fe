namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// One raw zlib deflate stream (RFC 1951) whose every <see cref="CompressWithSyncFlush"/> ends in a sync flush
/// (RFC 7692 7.2.1), so its output is always a whole number of blocks ending in 0x00 0x00 0xff 0xff.
/// </summary>
internal sealed unsafe class ZlibDeflater : IDisposable
{
    /// <summary>
    /// zlib's default level: the ratio/speed balance most permessage-deflate peers use, and the level the runtime's
    /// DeflateStream (CompressionLevel.Optimal) used before, so our bytes for the RFC's examples stay the same.
    /// </summary>
    public const int DefaultLevel = 6;

    /// <summary>zlib's default and largest useful memory level: a 32 Ki-entry hash and a 16 Ki-symbol block buffer.</summary>
    public const int MaxMemLevel = 8;

    private readonly ZStreamHandle _stream;

    /// <summary>
    /// The most a sync flush can emit after all input was taken without flushing: the symbols of one block (at most
    /// 2^(memLevel+6) - 1 of them, 6 bytes each at worst: a 15-bit length code with 5 extra bits and a 15-bit distance
    /// code with 13), its code tree (under 300 bytes), the empty stored block and a few bits. Those symbols come from
    /// this call's input alone (the previous call's flush emitted the rest), and none costs more than 2 bytes per input
    /// byte (a literal's code has at most 15 bits, a match covers 3 bytes or more), hence also 2n + 1024.
    /// </summary>
    private readonly int _flushBound;

    /// <param name="windowBits">9..15: zlib makes no raw deflate stream with an 8-bit window.</param>
    /// <param name="level">0 (stored) to 9 (smallest); <see cref="DefaultLevel"/> unless a benchmark compares.</param>
    public ZlibDeflater(int windowBits, int level = DefaultLevel)
    {
        var memLevel = MemLevelFor(windowBits);
        _stream = ZStreamHandle.ForDeflate(level, windowBits, memLevel);
        _flushBound = ((1 << (memLevel + 6)) * 6) + 1024;
    }

    /// <summary>
    /// zlib's memLevel for a window: windowBits - 6, at most 8, so the hash table has twice as many entries as the window
    /// has bytes. zlib slides its window every 2^windowBits input bytes and then rewrites the whole hash table: with
    /// the default 8 (32 Ki entries) a 9-bit window spent most of its time there (about 4.5x slower on 128 KiB of JSON,
    /// for a 2% smaller output). It also scales zlib's memory, 2^(windowBits+2) + 2^(memLevel+9) bytes, with the
    /// window a peer asked for: about 6 KiB at 9 bits, 48 KiB at 12, 256 KiB at 15 (zlib's default there).
    /// </summary>
    public static int MemLevelFor(int windowBits) => Math.Clamp(windowBits - 6, 1, MaxMemLevel);

    /// <summary>Compresses <paramref name="data"/> and appends the compressed bytes, ending in a sync flush, to <paramref name="output"/>.</summary>
    public void CompressWithSyncFlush(ReadOnlySpan<byte> data, DeflateOutput output)
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        ref var z = ref _stream.Fields;
        fixed (byte* input = data)
        {
            z.NextIn = (nint)input;
            z.AvailIn = (uint)data.Length;

            // First take all the input without flushing, growing the output as needed (any number of calls is fine),
            // until zlib has no pending output left (it returned with room to spare).
            if (!data.IsEmpty)
            {
                uint left;
                do
                {
                    left = Deflate(output, Math.Clamp((int)z.AvailIn / 2, 256, 1 << 16), ZlibNative.NoFlush);
                }
                while (z.AvailIn > 0 || left == 0);
            }

            // Then flush with room for all that is left in one call: zlib.h warns that a sync flush which runs out of
            // output space repeats its empty stored block on the next call. (That would still be valid DEFLATE, so the
            // loop only guards the bound above.)
            var room = (int)Math.Min(_flushBound, (2L * data.Length) + 1024);
            while (Deflate(output, room, ZlibNative.SyncFlush) == 0)
            {
                room = _flushBound;
            }

            z.NextIn = 0;
        }
    }

    /// <summary>RFC 7692 7.1.1: forgets the window (deflateReset keeps the allocations).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        Check(ZlibNative.DeflateReset(_stream), "deflateReset");
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
            code = ZlibNative.Deflate(_stream, flush);
            output.Advance(space.Length - (int)z.AvailOut);
            z.NextOut = 0;
        }

        // Z_BUF_ERROR: nothing to do, e.g. a sync flush right after another with no input in between (zlib writes nothing).
        if (code == ZlibNative.BufError)
        {
            return 1;
        }

        Check(code, "deflate");
        return z.AvailOut;
    }

    private void Check(int code, string function)
    {
        if (code == ZlibNative.MemError)
        {
            throw new OutOfMemoryException($"zlib {function}: out of memory");
        }

        if (code != ZlibNative.Ok)
        {
            throw new InvalidOperationException($"zlib {function} failed: {ZlibNative.Message(_stream, code)}");
        }
    }
}
