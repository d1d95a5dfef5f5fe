using System.Runtime.InteropServices;
using Conformance.ReferenceImpl.Extensions.Zlib;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Whether permessage-deflate runs on the system's zlib or on the managed fallback (<see cref="DeflateImplementation"/>).
/// Decided once per process, the first time it is asked: libz is loaded ("libz.so.1", "z", "libz"; "zlib1.dll" on
/// Windows; "libz.1.dylib" on macOS), its major version must be 1, and a message must survive a round trip through it
/// (which also proves the <see cref="ZStream"/> layout). Anything else selects the fallback, and <see cref="Problem"/>
/// says why, so a report can state which implementation judged the peer.
/// </summary>
public static class ZlibAvailability
{
    private static readonly Lazy<(string? Version, string? Problem)> Probe = new(Load);
    private static readonly AsyncLocal<bool> ManagedForced = new();

    /// <summary>Whether the system's zlib was found and works.</summary>
    public static bool IsAvailable => Probe.Value.Version is not null;

    /// <summary>The version zlib reports (zlibVersion()), or null when it is not available.</summary>
    public static string? Version => Probe.Value.Version;

    /// <summary>Why zlib is not used, or null when it is available.</summary>
    public static string? Problem => Probe.Value.Problem;

    /// <summary>What a <see cref="MessageDeflater"/> or <see cref="MessageInflater"/> made now uses.</summary>
    public static DeflateImplementation InUse => !ManagedForced.Value && IsAvailable ? DeflateImplementation.Zlib : DeflateImplementation.Managed;

    /// <summary>One line for a report: which implementation compresses and inflates, and what that means for the window check.</summary>
    public static string Description => InUse == DeflateImplementation.Zlib
        ? $"permessage-deflate on the system's zlib {Version}: exact window sizes, a peer exceeding its agreed window is detected"
        : $"permessage-deflate on the runtime's DeflateStream ({Problem ?? "fallback forced"}): a peer exceeding its agreed window is not detected";

    /// <summary>
    /// Makes deflaters and inflaters created in this asynchronous flow (a test) use the managed fallback until the
    /// result is disposed. Other flows, and so tests running in parallel, are not affected.
    /// </summary>
    internal static IDisposable ForceManaged()
    {
        var previous = ManagedForced.Value;
        ManagedForced.Value = true;
        return new Restore(previous);
    }

    private static (string? Version, string? Problem) Load()
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

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => ManagedForced.Value = previous;
    }
}
