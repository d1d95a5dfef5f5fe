using System.Reflection;
using System.Runtime.InteropServices;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The one DllImport resolver this assembly may have (the runtime allows one per assembly): it maps the library names
/// of the [LibraryImport]s here to files, the system's zlib (<see cref="ZlibNative"/>) and the runtime's zlib-ng
/// (<see cref="ZlibNgNative"/>). Every binding calls <see cref="EnsureResolver"/> from its static constructor.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        return true;
    });

    public static void EnsureResolver() => _ = Registered.Value;

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        ZlibNative.Library => ZlibNative.Load(assembly, searchPath),
        ZlibNgNative.Library => ZlibNgNative.Load(assembly, searchPath),
        _ => 0,
    };
}
