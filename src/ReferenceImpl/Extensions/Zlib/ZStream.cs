using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// zlib's <c>z_stream</c> (zlib.h), field for field. Pointers are <see cref="nint"/>; zlib's <c>uInt</c> is 32-bit
/// everywhere and its <c>uLong</c> is C's <c>unsigned long</c>, which <see cref="CULong"/> matches on every platform:
/// 64-bit on Linux and macOS (112 bytes in all), 32-bit on Windows (88 bytes). zlib checks the size we pass to its init
/// functions against its own, so a mismatch ends in Z_VERSION_ERROR (and the managed fallback), never in corruption.
/// The struct lives in native memory (<see cref="ZStreamHandle"/>): zlib's state points back at it, so it must not move.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ZStream
{
    public nint NextIn;
    public uint AvailIn;
    public CULong TotalIn;

    public nint NextOut;
    public uint AvailOut;
    public CULong TotalOut;

    public nint Msg;
    public nint State;

    public nint ZAlloc;
    public nint ZFree;
    public nint Opaque;

    public int DataType;
    public CULong Adler;
    public CULong Reserved;
}
