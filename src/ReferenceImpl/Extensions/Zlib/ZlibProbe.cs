using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// Whether the system's zlib works, tried once (<see cref="ZlibAvailability"/>): libz is loaded ("libz.so.1", "z",
/// "libz"; "zlib1.dll" on Windows; "libz.1.dylib" on macOS), its major version must be 1, and a message must survive a
/// round trip through it (which also proves the <see cref="ZStream"/> layout).
/// </summary>
internal static class ZlibProbe
{
    /// <summary>zlib's version, or null and why not.</summary>
    public static (string? Version, string? Problem) Run()
    {
        try
        {
            var version = Marshal.PtrToStringUTF8(ZlibNative.ZlibVersion());
            if (version is null || !version.StartsWith('1'))
            {
                return (null, $"libz reports version {version ?? "(none)"}, not 1.x");
            }

            return RoundTrips() ? (version, null) : (null, $"zlib {version} did not inflate its own output back");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                      or TypeInitializationException or InvalidOperationException or MarshalDirectiveException)
        {
            return (null, $"no usable libz: {e.Message}");
        }
    }

    /// <summary>RFC 7692 7.2.3.1's "Hello" through a deflate and an inflate stream, ending in the 0x00 0x00 0xff 0xff of a sync flush.</summary>
    private static bool RoundTrips()
    {
        ReadOnlySpan<byte> hello = "Hello"u8;
        using var deflater = new ZlibDeflater(PerMessageDeflate.MaxWindowBits);
        var compressed = new DeflateOutput();
        deflater.CompressWithSyncFlush(hello, compressed);
        using var inflater = new ZlibInflater(PerMessageDeflate.MinWindowBits);
        Span<byte> inflated = stackalloc byte[16];
        var status = inflater.Inflate(compressed.Written, inflated, out var consumed, out var written);
        return compressed.Written.EndsWith(PerMessageDeflate.Trailer) && status == ZlibInflateStatus.Progress
            && consumed == compressed.Count && inflated[..written].SequenceEqual(hello) && inflater.AtBlockBoundary;
    }
}
