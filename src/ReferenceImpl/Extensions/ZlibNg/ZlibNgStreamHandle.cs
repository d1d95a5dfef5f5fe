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

    private ZlibNgStreamHandle(bool inflate)
        : base(0, ownsHandle: true)
    {
        _inflate = inflate;
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
        var stream = new ZlibNgStreamHandle(inflate: false);
        stream.Initialized(ZlibNgNative.DeflateInit2(stream, level, ZlibNgNative.Deflated, -windowBits, memLevel, ZlibNgNative.DefaultStrategy), "DeflateInit2_");
        return stream;
    }

    /// <summary>A raw inflate stream with 2^<paramref name="windowBits"/> bytes of window, 8..15.</summary>
    public static ZlibNgStreamHandle ForInflate(int windowBits)
    {
        var stream = new ZlibNgStreamHandle(inflate: true);
        stream.Initialized(ZlibNgNative.InflateInit2(stream, -windowBits), "InflateInit2_");
        return stream;
    }

    protected override bool ReleaseHandle()
    {
        if (Fields.InternalState != 0)
        {
            _ = _inflate ? ZlibNgNative.InflateEnd(handle) : ZlibNgNative.DeflateEnd(handle);
        }

        NativeMemory.Free((void*)handle);
        return true;
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
}
