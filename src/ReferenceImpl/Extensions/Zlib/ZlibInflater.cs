using System.Buffers;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>The outcome of one <see cref="ZlibInflater.Inflate"/> call.</summary>
internal enum ZlibInflateStatus
{
    /// <summary>Input taken or output produced, or neither when there was nothing to do (Z_OK, Z_BUF_ERROR).</summary>
    Progress,

    /// <summary>A block with BFINAL set ended: the DEFLATE stream is over (Z_STREAM_END).</summary>
    StreamEnd,

    /// <summary>The data is not valid DEFLATE (Z_DATA_ERROR); <see cref="ZlibInflater.ErrorMessage"/> says why.</summary>
    DataError,
}

/// <summary>
/// One raw zlib inflate stream (RFC 1951) with a window of 2^<see cref="WindowBits"/> bytes, 8..15. The window lives
/// inside zlib across calls, so a stream fed message after message inflates with context takeover by itself.
/// </summary>
internal sealed unsafe class ZlibInflater : IDisposable
{
    /// <summary>zlib's message for a distance beyond the bytes in its window (inflate.c, inffast.c).</summary>
    public const string DistanceTooFarBackMessage = "invalid distance too far back";

    /// <summary>zlib.h: inflate sets data_type to 128 + the unused bits when it stopped just before a block header.</summary>
    private const int BeforeBlockHeader = 128;

    private readonly ZStreamHandle _stream;

    public ZlibInflater(int windowBits)
    {
        WindowBits = windowBits;
        _stream = ZStreamHandle.ForInflate(windowBits);
    }

    public int WindowBits { get; }

    /// <summary>zlib's message for the last <see cref="ZlibInflateStatus.DataError"/>.</summary>
    public string ErrorMessage { get; private set; } = string.Empty;

    /// <summary>
    /// Whether the last call that took input or gave output stopped at a byte boundary just before a block header, as a
    /// sync-flushed message ends. (A call with nothing to do does not count: inflate.c turns its TYPE state into TYPEDO
    /// on entry, so data_type would no longer say so.) A new or reset stream is at a boundary.
    /// </summary>
    public bool AtBlockBoundary { get; private set; } = true;

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
            code = ZlibNative.Inflate(_stream, ZlibNative.SyncFlush);
            consumed = input.Length - (int)z.AvailIn;
            written = output.Length - (int)z.AvailOut;
            z.NextIn = z.NextOut = 0;
        }

        if (consumed > 0 || written > 0)
        {
            AtBlockBoundary = z.DataType == BeforeBlockHeader;
        }

        switch (code)
        {
            case ZlibNative.Ok or ZlibNative.BufError:
                return ZlibInflateStatus.Progress;
            case ZlibNative.StreamEnd:
                return ZlibInflateStatus.StreamEnd;
            case ZlibNative.DataError:
                ErrorMessage = ZlibNative.Message(_stream, code);
                return ZlibInflateStatus.DataError;
            case ZlibNative.MemError:
                throw new OutOfMemoryException("zlib inflate: out of memory");
            default:
                throw new InvalidOperationException($"zlib inflate failed: {ZlibNative.Message(_stream, code)}");
        }
    }

    /// <summary>Starts a new DEFLATE stream with an empty window (inflateReset keeps the allocations).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        Check(ZlibNative.InflateReset(_stream), "inflateReset");
        AtBlockBoundary = true;
    }

    /// <summary>
    /// Starts a new DEFLATE stream that still sees the window: after a final block (RFC 7692 7.2.3.4) or a message that
    /// did not end on a block boundary. inflateReset empties the window, so it is read out first and set again.
    /// </summary>
    public void RestartKeepingWindow()
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        var window = ArrayPool<byte>.Shared.Rent(1 << WindowBits);
        try
        {
            uint length = 0;
            fixed (byte* bytes = window)
            {
                Check(ZlibNative.InflateGetDictionary(_stream, bytes, &length), "inflateGetDictionary");
            }

            Reset();
            SetWindow(window.AsSpan(0, (int)length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    /// <summary>Puts <paramref name="history"/> (oldest byte first) in the window, as if it had just been inflated.</summary>
    public void SetWindow(ReadOnlySpan<byte> history)
    {
        ObjectDisposedException.ThrowIf(_stream.IsClosed, this);
        if (history.IsEmpty)
        {
            return;
        }

        // zlib.h: for raw inflate, inflateSetDictionary can be called at any time; it keeps the last 2^windowBits bytes.
        fixed (byte* bytes = history)
        {
            Check(ZlibNative.InflateSetDictionary(_stream, bytes, (uint)history.Length), "inflateSetDictionary");
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Check(int code, string function)
    {
        if (code != ZlibNative.Ok)
        {
            throw new InvalidOperationException($"zlib {function} failed: {ZlibNative.Message(_stream, code)}");
        }
    }
}
