using System.Buffers;
using Conformance.ReferenceImpl.Extensions.Zlib;

namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// One raw zlib-ng inflate stream (RFC 1951) with a window of 2^<see cref="WindowBits"/> bytes, 8..15. The window lives
/// inside zlib-ng across calls, so a stream fed message after message inflates with context takeover by itself.
/// The runtime exports no inflateSetDictionary: <see cref="RestartWithWindow"/> primes a reset stream by inflating a
/// stored block of the window instead, which leaves zlib-ng exactly as inflateSetDictionary would.
/// </summary>
internal sealed unsafe class ZlibNgInflater : IDisposable
{
    /// <summary>zlib.h: inflate sets data_type to 128 + the unused bits when it stopped just before a block header.</summary>
    private const int BeforeBlockHeader = 128;

    /// <summary>RFC 1951 3.2.4: a stored block holds at most 65535 bytes; a window (at most 32 KiB) fits in one.</summary>
    private const int StoredBlockHeader = 5;

    private readonly ZlibNgStreamHandle _stream;

    public ZlibNgInflater(int windowBits)
    {
        WindowBits = windowBits;
        _stream = ZlibNgStreamHandle.ForInflate(windowBits);
    }

    public int WindowBits { get; }

    /// <summary>zlib-ng's message for the last <see cref="ZlibInflateStatus.DataError"/>.</summary>
    public string ErrorMessage { get; private set; } = string.Empty;

    /// <summary>
    /// Whether the last call that took input or gave output stopped at a byte boundary just before a block header, as a
    /// sync-flushed message ends (see <see cref="ZlibInflater.AtBlockBoundary"/>). Read from the z_stream's data_type,
    /// which pal_zlib.c does not copy out. A new or reset stream is at a boundary.
    /// </summary>
    public bool AtBlockBoundary { get; private set; } = true;

    /// <summary>The z_stream's data_type after the last call (for <see cref="ZlibNgProbe"/>).</summary>
    internal int DataType => _stream.Inner.DataType;

    /// <summary>The z_stream behind the PAL struct and the PAL struct, for <see cref="ZlibNgProbe"/>'s layout check.</summary>
    internal (ZStream Inner, PalZStream Pal) Fields => (_stream.Inner, _stream.Fields);

    /// <summary>Inflates from <paramref name="input"/> into <paramref name="output"/> (never more than its length).</summary>
    public ZlibInflateStatus Inflate(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        consumed = written = 0;
        if (output.IsEmpty)
        {
            return ZlibInflateStatus.Progress;
        }

        ref var z = ref _stream.Fields;
        int code;
        fixed (byte* next = input)
        fixed (byte* into = output)
        {
            z.NextIn = (nint)next;
            z.AvailIn = (uint)input.Length;
            z.NextOut = (nint)into;
            z.AvailOut = (uint)output.Length;
            code = ZlibNgNative.Inflate(_stream, ZlibNgNative.SyncFlush);
            consumed = input.Length - (int)z.AvailIn;
            written = output.Length - (int)z.AvailOut;
            z.NextIn = z.NextOut = 0;
        }

        if (consumed > 0 || written > 0)
        {
            AtBlockBoundary = _stream.Inner.DataType == BeforeBlockHeader;
        }

        switch (code)
        {
            case ZlibNgNative.Ok or ZlibNgNative.BufError:
                return ZlibInflateStatus.Progress;
            case ZlibNgNative.StreamEnd:
                return ZlibInflateStatus.StreamEnd;
            case ZlibNgNative.DataError:
                ErrorMessage = ZlibNgNative.Message(_stream, code);
                return ZlibInflateStatus.DataError;
            case ZlibNgNative.MemError:
                throw new OutOfMemoryException("zlib-ng inflate: out of memory");
            default:
                throw new InvalidOperationException($"zlib-ng inflate failed: {ZlibNgNative.Message(_stream, code)}");
        }
    }

    /// <summary>Starts a new DEFLATE stream with an empty window (inflateReset2 keeps the allocations).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        var code = ZlibNgNative.InflateReset2(_stream, -WindowBits);
        if (code != ZlibNgNative.Ok)
        {
            throw new InvalidOperationException($"zlib-ng inflateReset2 failed: {ZlibNgNative.Message(_stream, code)}");
        }

        AtBlockBoundary = true;
    }

    /// <summary>
    /// Starts a new DEFLATE stream whose window holds <paramref name="history"/> (oldest byte first; only the last
    /// 2^<see cref="WindowBits"/> bytes matter), as if it had just been inflated: after a final block (RFC 7692 7.2.3.4)
    /// or a message that did not end on a block boundary. The stream is reset, then inflates one non-final stored block
    /// (RFC 1951 3.2.4) of those bytes; zlib-ng keeps the last 2^bits bytes of its output as the window, just as
    /// inflateSetDictionary would, and stops before the next block header.
    /// </summary>
    public void RestartWithWindow(ReadOnlySpan<byte> history)
    {
        Reset();
        var window = history.Length > (1 << WindowBits) ? history[^(1 << WindowBits)..] : history;
        if (window.IsEmpty)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StoredBlockHeader + (2 * window.Length));
        try
        {
            var block = buffer.AsSpan(0, StoredBlockHeader + window.Length);
            block[0] = 0x00; // BFINAL 0, BTYPE 00, the rest of the byte padding
            block[1] = (byte)window.Length;
            block[2] = (byte)(window.Length >> 8);
            block[3] = (byte)~window.Length;
            block[4] = (byte)(~window.Length >> 8);
            window.CopyTo(block[StoredBlockHeader..]);
            var sink = buffer.AsSpan(block.Length, window.Length);
            var status = Inflate(block, sink, out var consumed, out var written);
            if (status != ZlibInflateStatus.Progress || consumed != block.Length || written != window.Length || !AtBlockBoundary)
            {
                throw new InvalidOperationException($"zlib-ng did not take the window as a stored block ({status}, {consumed} of {block.Length} bytes in, {written} out)");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _stream.Dispose();
}
