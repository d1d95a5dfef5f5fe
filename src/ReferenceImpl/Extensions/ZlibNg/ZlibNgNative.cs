using System.Reflection;
using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.ZlibNg;

/// <summary>
/// The zlib-ng that ships inside the .NET runtime, through the runtime's own exports of
/// <c>libSystem.IO.Compression.Native</c> (pal_zlib.h: <c>CompressionNative_*</c>), bound with [LibraryImport]. Those are
/// thin wrappers over zlib's deflateInit2 / deflate / deflateEnd / inflateInit2 / inflate / inflateEnd / inflateReset2
/// that pass the flush value and return the zlib code unchanged (pal_zlib.c; the codes are zlib's, asserted equal there
/// with c_static_assert). There is no deflateReset in .NET 10 (a full flush stands in, <see cref="ZlibNgDeflater"/>),
/// no inflateGetDictionary or inflateSetDictionary (<see cref="ZlibNgInflater.RestartWithWindow"/>), no version
/// function. Callers reach this class only after <see cref="ZlibAvailability"/> found it usable.
/// </summary>
internal static partial class ZlibNgNative
{
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int StreamError = -2;
    public const int DataError = -3;
    public const int MemError = -4;
    public const int BufError = -5;

    public const int NoFlush = 0;

    /// <summary>zlib.h's Z_SYNC_FLUSH, which the runtime's own DeflateStream.Flush passes too (ZLibNative.FlushCode.SyncFlush).</summary>
    public const int SyncFlush = 2;

    /// <summary>zlib.h's Z_FULL_FLUSH: a sync flush after which deflate forgets its window.</summary>
    public const int FullFlush = 3;

    public const int Deflated = 8;
    public const int DefaultStrategy = 0;

    /// <summary>The name the [LibraryImport]s use; <see cref="Load"/> turns it into the runtime's file.</summary>
    public const string Library = "System.IO.Compression.Native";

    static ZlibNgNative()
    {
        NativeLibraries.EnsureResolver();
    }

    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateInit2_")]
    public static partial int DeflateInit2(ZlibNgStreamHandle stream, int level, int method, int windowBits, int memLevel, int strategy);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Deflate")]
    public static partial int Deflate(ZlibNgStreamHandle stream, int flush);

    /// <summary>Takes the raw pointer: it runs from <see cref="ZlibNgStreamHandle"/>'s release too, when the handle is closing.</summary>
    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateEnd")]
    public static partial int DeflateEnd(nint stream);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateInit2_")]
    public static partial int InflateInit2(ZlibNgStreamHandle stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Inflate")]
    public static partial int Inflate(ZlibNgStreamHandle stream, int flush);

    /// <summary>inflateReset2: a new stream with the given window, keeping the allocations.</summary>
    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateReset2_")]
    public static partial int InflateReset2(ZlibNgStreamHandle stream, int windowBits);

    /// <summary>Takes the raw pointer, as <see cref="DeflateEnd"/> does.</summary>
    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateEnd")]
    public static partial int InflateEnd(nint stream);

    /// <summary>The file that was loaded, for a report; null before the first call or when none loaded.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>zlib-ng's message for the last error of <paramref name="stream"/>, or the return code when it set none.</summary>
    public static string Message(ZlibNgStreamHandle stream, int code) =>
        stream.Fields.Msg != 0 ? Marshal.PtrToStringUTF8(stream.Fields.Msg) ?? $"zlib-ng error {code}" : $"zlib-ng error {code}";

    /// <summary>
    /// The runtime's own copy, in the directory of System.Private.CoreLib; else the name as the runtime probes it (a
    /// self-contained app carries the file beside itself). 0 when neither loads (DllNotFoundException, another engine).
    /// </summary>
    public static nint Load(Assembly assembly, DllImportSearchPath? searchPath)
    {
        var file = OperatingSystem.IsWindows() ? "System.IO.Compression.Native.dll"
            : OperatingSystem.IsMacOS() ? "libSystem.IO.Compression.Native.dylib"
            : "libSystem.IO.Compression.Native.so";
        var path = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), file);
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            path = "libSystem.IO.Compression.Native";
            if (!NativeLibrary.TryLoad(path, assembly, searchPath, out handle))
            {
                return 0;
            }
        }

        LoadedFrom = path;
        return handle;
    }
}
