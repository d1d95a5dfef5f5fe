namespace Conformance.ReferenceImpl.Extensions;

/// <summary>What compresses and inflates permessage-deflate messages, in the order <see cref="ZlibAvailability"/> prefers them.</summary>
public enum DeflateImplementation
{
    /// <summary>
    /// The zlib-ng inside the .NET runtime (libSystem.IO.Compression.Native) through its CompressionNative_* exports: one
    /// stream per direction with exactly the agreed window (RFC 7692 7.1.2), as <see cref="Zlib"/>, and faster. The
    /// window is carried over a final block by priming a fresh stream with a stored block of it.
    /// </summary>
    ZlibNg,

    /// <summary>
    /// The system's zlib through P/Invoke: one stream per direction with exactly the agreed window (RFC 7692 7.1.2),
    /// so an inflater notices a peer that refers back further than it agreed.
    /// </summary>
    Zlib,

    /// <summary>
    /// The fallback where neither zlib is usable: the runtime's DeflateStream (always a 15-bit window). Smaller
    /// windows are still honoured when compressing, by restarting the stream, but an inflater cannot tell whether a
    /// peer kept to its window (<see cref="FullWindowCheck.Unavailable"/>).
    /// </summary>
    Managed,
}
