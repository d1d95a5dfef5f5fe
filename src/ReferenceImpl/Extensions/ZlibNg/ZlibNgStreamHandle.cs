using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Conformance.ReferenceImpl.Extensions.Zlib;

namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// Owns one <see cref="PalZStream"/> in native memory and the zlib-ng stream behind it: releasing the handle (Dispose,
/// or the finalizer if a caller forgot) ends the stream (CompressionNative_DeflateEnd / _InflateEnd, which also free the
/// z_stream the init function allocated, even after a failed init) and frees the struct, exactly once.
/// </summary>
internal sealed unsafe class ZlibNgStreamHandle : SafeHandle
{
    private readonly bool _inflate;
    private readonly int _level;
    private readonly int _windowBits;
    private readonly int _memLevel;

    private ZlibNgStreamHandle(bool inflate, int level, int windowBits, int memLevel)
        : base(0, ownsHandle: true)
    {
        _inflate = inflate;
        _level = level;
        _windowBits = windowBits;
        _memLevel = memLevel;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)Unsafe.SizeOf<PalZStream>()));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The struct's fields, for setting the buffers before a call and reading the counts after.</summary>
    public ref PalZStream Fields => ref *(PalZStream*)handle;

    /// <summary>
    /// The zlib-ng <c>z_stream</c> behind the PAL struct, for what pal_zlib.c does not copy out: <c>data_type</c>. zlib-ng
    /// in the runtime is built with ZLIB_COMPAT, so it is zlib.h's struct, the same as <see cref="ZStream"/>;
    /// <see cref="ZlibNgProbe"/> checks that before the engine is used (its counts must mirror the PAL struct's).
    /// </summary>
    public ref ZStream Inner => ref *(ZStream*)Fields.InternalState;

    /// <summary>A raw deflate stream (RFC 1951, no zlib header) with 2^<paramref name="windowBits"/> bytes of window, 9..15.</summary>
    public static ZlibNgStreamHandle ForDeflate(int level, int windowBits, int memLevel)
    {
        var stream = new ZlibNgStreamHandle(inflate: false, level, windowBits, memLevel);
        stream.InitializeDeflate();
        return stream;
    }

    /// <summary>A raw inflate stream with 2^<paramref name="windowBits"/> bytes of window, 8..15.</summary>
    public static ZlibNgStreamHandle ForInflate(int windowBits)
    {
        var stream = new ZlibNgStreamHandle(inflate: true, 0, windowBits, 0);
        stream.Initialized(ZlibNgNative.InflateInit2(stream, -windowBits), "InflateInit2_");
        return stream;
    }

    /// <summary>
    /// Starts the deflate stream anew with an empty window: deflateReset where the runtime exports it, else
    /// deflateEnd and deflateInit2 with the same parameters (a fresh allocation; measured in the benchmarks' README).
    /// </summary>
    public void ResetDeflate()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        var reset = ZlibNgNative.DeflateReset;
        if (reset is not null)
        {
            Check(reset((PalZStream*)handle), "DeflateReset");
            return;
        }

        End();
        InitializeDeflate();
    }

    protected override bool ReleaseHandle()
    {
        End();
        NativeMemory.Free((void*)handle);
        return true;
    }

    private void InitializeDeflate() =>
        Initialized(ZlibNgNative.DeflateInit2(this, _level, ZlibNgNative.Deflated, -_windowBits, _memLevel, ZlibNgNative.DefaultStrategy), "DeflateInit2_");

    private void End()
    {
        if (Fields.InternalState != 0)
        {
            _ = _inflate ? ZlibNgNative.InflateEnd(handle) : ZlibNgNative.DeflateEnd(handle);
        }
    }

    private void Initialized(int code, string function)
    {
        if (code != ZlibNgNative.Ok)
        {
            Dispose();
            throw code == ZlibNgNative.MemError
                ? new OutOfMemoryException($"zlib-ng {function}: out of memory")
                : new InvalidOperationException($"zlib-ng {function} returned {code}");
        }
    }

    private void Check(int code, string function)
    {
        if (code != ZlibNgNative.Ok)
        {
            throw code == ZlibNgNative.MemError
                ? new OutOfMemoryException($"zlib-ng {function}: out of memory")
                : new InvalidOperationException($"zlib-ng {function} returned {code}");
        }
    }
}
