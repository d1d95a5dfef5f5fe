using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// Owns one <see cref="ZStream"/> in native memory and the zlib state behind it: releasing the handle (Dispose, or the
/// finalizer if a caller forgot) ends the zlib stream (deflateEnd / inflateEnd) and frees the struct, exactly once.
/// </summary>
internal sealed unsafe class ZStreamHandle : SafeHandle
{
    private readonly bool _inflate;
    private bool _initialized;

    private ZStreamHandle(bool inflate)
        : base(0, ownsHandle: true)
    {
        _inflate = inflate;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)Unsafe.SizeOf<ZStream>()));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The struct's fields, for setting the buffers before a call and reading the counts after.</summary>
    public ref ZStream Fields => ref *(ZStream*)handle;

    /// <summary>A raw deflate stream (RFC 1951, no zlib header) with 2^<paramref name="windowBits"/> bytes of window, 9..15.</summary>
    public static ZStreamHandle ForDeflate(int level, int windowBits, int memLevel)
    {
        var stream = new ZStreamHandle(inflate: false);
        stream.Initialized(ZlibNative.DeflateInit2(stream, level, ZlibNative.Deflated, -windowBits, memLevel, ZlibNative.DefaultStrategy, ZlibNative.HeaderVersion, Unsafe.SizeOf<ZStream>()), "deflateInit2_");
        return stream;
    }

    /// <summary>A raw inflate stream with 2^<paramref name="windowBits"/> bytes of window, 8..15.</summary>
    public static ZStreamHandle ForInflate(int windowBits)
    {
        var stream = new ZStreamHandle(inflate: true);
        stream.Initialized(ZlibNative.InflateInit2(stream, -windowBits, ZlibNative.HeaderVersion, Unsafe.SizeOf<ZStream>()), "inflateInit2_");
        return stream;
    }

    protected override bool ReleaseHandle()
    {
        if (_initialized)
        {
            _ = _inflate ? ZlibNative.InflateEnd(handle) : ZlibNative.DeflateEnd(handle);
        }

        NativeMemory.Free((void*)handle);
        return true;
    }

    private void Initialized(int code, string function)
    {
        if (code != ZlibNative.Ok)
        {
            Dispose();
            throw code == ZlibNative.MemError
                ? new OutOfMemoryException($"zlib {function}: out of memory")
                : new InvalidOperationException($"zlib {function} returned {code}");
        }

        _initialized = true;
    }
}
