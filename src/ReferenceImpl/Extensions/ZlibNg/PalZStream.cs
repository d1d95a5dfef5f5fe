using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// The runtime's <c>PAL_ZStream</c> (dotnet/runtime src/native/libs/System.IO.Compression.Native/pal_zlib.h), field for
/// field: the three pointers and the opaque state, then the two 32-bit counts (40 bytes on 64-bit platforms, 24 on
/// 32-bit). pal_zlib.c copies next/avail in and out to the zlib-ng <c>z_stream</c> it keeps behind
/// <see cref="InternalState"/> before each call, and those plus <c>msg</c> back after it. The z_stream is calloc'd by
/// the init functions and freed by the end functions, so this struct may move between calls; it lives in native memory
/// (<see cref="ZlibNgStreamHandle"/>) all the same, beside the handle that owns it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PalZStream
{
    public nint NextIn;
    public nint NextOut;

    /// <summary>zlib-ng's message for the last error, or 0.</summary>
    public nint Msg;

    /// <summary>The zlib-ng <c>z_stream</c> (zlib.h's layout: zlib-ng is built with ZLIB_COMPAT), or 0 when ended.</summary>
    public nint InternalState;

    public uint AvailIn;
    public uint AvailOut;
}
