using System.Reflection;
using System.Runtime.InteropServices;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// The few functions of the system's zlib that permessage-deflate needs (zlib.h, 1.2.x and later), bound with
/// [LibraryImport]. The library name "libz" is resolved by <see cref="Load"/> to the platform's file names.
/// Callers reach this class only after <see cref="ZlibAvailability"/> found the library usable.
/// </summary>
internal static unsafe partial class ZlibNative
{
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int NeedDict = 2;
    public const int StreamError = -2;
    public const int DataError = -3;
    public const int MemError = -4;
    public const int BufError = -5;
    public const int VersionError = -6;

    public const int NoFlush = 0;
    public const int SyncFlush = 2;

    public const int Deflated = 8;
    public const int DefaultStrategy = 0;

    /// <summary>
    /// The version of zlib.h this binding follows. zlib compares only its first character (the major version) and the
    /// size of <see cref="ZStream"/>, so any zlib 1.x with the same struct accepts it.
    /// </summary>
    public const string HeaderVersion = "1.2.13";

    /// <summary>The name the [LibraryImport]s use; <see cref="Load"/> turns it into the platform's file names.</summary>
    public const string Library = "libz";

    private static readonly string[] Candidates =
        OperatingSystem.IsWindows() ? ["zlib1.dll", "zlib.dll", "libz.dll"]
        : OperatingSystem.IsMacOS() ? ["libz.1.dylib", "libz.dylib", "z"]
        : ["libz.so.1", "z", "libz", "libz.so"];

    static ZlibNative()
    {
        NativeLibraries.EnsureResolver();
    }

    [LibraryImport(Library, EntryPoint = "zlibVersion")]
    public static partial nint ZlibVersion();

    [LibraryImport(Library, EntryPoint = "deflateInit2_", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DeflateInit2(ZStreamHandle strm, int level, int method, int windowBits, int memLevel, int strategy, string version, int streamSize);

    [LibraryImport(Library, EntryPoint = "deflate")]
    public static partial int Deflate(ZStreamHandle strm, int flush);

    [LibraryImport(Library, EntryPoint = "deflateReset")]
    public static partial int DeflateReset(ZStreamHandle strm);

    /// <summary>Takes the raw pointer: it runs from <see cref="ZStreamHandle.ReleaseHandle"/>, when the handle is closing.</summary>
    [LibraryImport(Library, EntryPoint = "deflateEnd")]
    public static partial int DeflateEnd(nint strm);

    [LibraryImport(Library, EntryPoint = "inflateInit2_", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InflateInit2(ZStreamHandle strm, int windowBits, string version, int streamSize);

    [LibraryImport(Library, EntryPoint = "inflate")]
    public static partial int Inflate(ZStreamHandle strm, int flush);

    [LibraryImport(Library, EntryPoint = "inflateReset")]
    public static partial int InflateReset(ZStreamHandle strm);

    [LibraryImport(Library, EntryPoint = "inflateGetDictionary")]
    public static partial int InflateGetDictionary(ZStreamHandle strm, byte* dictionary, uint* dictLength);

    [LibraryImport(Library, EntryPoint = "inflateSetDictionary")]
    public static partial int InflateSetDictionary(ZStreamHandle strm, byte* dictionary, uint dictLength);

    /// <summary>Takes the raw pointer, as <see cref="DeflateEnd"/> does.</summary>
    [LibraryImport(Library, EntryPoint = "inflateEnd")]
    public static partial int InflateEnd(nint strm);

    /// <summary>zlib's message for the last error of <paramref name="stream"/>, or the return code when it set none.</summary>
    public static string Message(ZStreamHandle stream, int code) =>
        stream.Fields.Msg != 0 ? Marshal.PtrToStringUTF8(stream.Fields.Msg) ?? $"zlib error {code}" : $"zlib error {code}";

    /// <summary>The first of the platform's libz file names that loads, or 0 (the DllNotFoundException then selects another engine).</summary>
    public static nint Load(Assembly assembly, DllImportSearchPath? searchPath)
    {
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }
}
