using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Which engine permessage-deflate runs on (<see cref="DeflateImplementation"/>): the runtime's zlib-ng when it loads and
/// passes <see cref="ZlibNgProbe"/>, else the system's zlib when it passes <see cref="ZlibProbe"/>, else the managed
/// fallback. Each is tried once per process, the first time it is asked; <see cref="Problem"/> and
/// <see cref="ZlibNgProblem"/> say why one is not used, so a report can state which implementation judged the peer.
/// </summary>
public static class ZlibAvailability
{
    private static readonly Lazy<(string? Version, string? Problem)> SystemZlib = new(ZlibProbe.Run);
    private static readonly Lazy<string?> RuntimeZlibNg = new(ZlibNgProbe.Run);
    private static readonly AsyncLocal<DeflateImplementation?> Forced = new();

    /// <summary>Whether the system's zlib was found and works.</summary>
    public static bool IsAvailable => SystemZlib.Value.Version is not null;

    /// <summary>The version the system's zlib reports (zlibVersion()), or null when it is not available.</summary>
    public static string? Version => SystemZlib.Value.Version;

    /// <summary>Why the system's zlib is not used, or null when it is available.</summary>
    public static string? Problem => SystemZlib.Value.Problem;

    /// <summary>Whether the runtime's zlib-ng was found and works.</summary>
    public static bool IsZlibNgAvailable => RuntimeZlibNg.Value is null;

    /// <summary>Why the runtime's zlib-ng is not used, or null when it is available.</summary>
    public static string? ZlibNgProblem => RuntimeZlibNg.Value;

    /// <summary>What a <see cref="MessageDeflater"/> or <see cref="MessageInflater"/> made now uses.</summary>
    public static DeflateImplementation InUse => Resolve(Forced.Value ?? DeflateImplementation.ZlibNg);

    /// <summary>What this process prefers when nothing is forced.</summary>
    public static DeflateImplementation Preferred => Resolve(DeflateImplementation.ZlibNg);

    /// <summary>One line for a report: which implementation compresses and inflates, and what that means for the window check.</summary>
    public static string Description => InUse switch
    {
        DeflateImplementation.ZlibNg => $"permessage-deflate on the runtime's zlib-ng ({ZlibNgNative.LoadedFrom}): exact window sizes, a peer exceeding its agreed window is detected",
        DeflateImplementation.Zlib => $"permessage-deflate on the system's zlib {Version}: exact window sizes, a peer exceeding its agreed window is detected",
        _ => $"permessage-deflate on the runtime's DeflateStream ({Problem ?? "fallback forced"}): a peer exceeding its agreed window is not detected",
    };

    /// <summary><paramref name="requested"/> when it works here, else the next one down the order of preference.</summary>
    public static DeflateImplementation Resolve(DeflateImplementation requested) => requested switch
    {
        DeflateImplementation.ZlibNg when IsZlibNgAvailable => DeflateImplementation.ZlibNg,
        DeflateImplementation.ZlibNg or DeflateImplementation.Zlib when IsAvailable => DeflateImplementation.Zlib,
        _ => DeflateImplementation.Managed,
    };

    /// <summary>
    /// Makes deflaters and inflaters created in this asynchronous flow (a test) use <paramref name="implementation"/> (or
    /// the next one down, where it is unavailable) until the result is disposed. Other flows, and so tests running in
    /// parallel, are not affected.
    /// </summary>
    internal static IDisposable Force(DeflateImplementation implementation)
    {
        var previous = Forced.Value;
        Forced.Value = implementation;
        return new Restore(previous);
    }

    /// <summary>Forces the managed fallback (<see cref="Force"/>).</summary>
    internal static IDisposable ForceManaged() => Force(DeflateImplementation.Managed);

    private sealed class Restore(DeflateImplementation? previous) : IDisposable
    {
        public void Dispose() => Forced.Value = previous;
    }
}
