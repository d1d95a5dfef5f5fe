namespace Conformance.ReferenceImpl.Extensions;

/// <summary>What compresses and inflates permessage-deflate messages (see <see cref="ZlibAvailability"/>).</summary>
public enum DeflateImplementation
{
    /// <summary>
    /// The system's zlib through P/Invoke: one stream per direction with exactly the agreed window (RFC 7692 7.1.2),
    /// so an inflater notices a peer that refers back further than it agreed.
    /// </summary>
    Zlib,

    /// <summary>
    /// The fallback where no usable libz was found: the runtime's DeflateStream (always a 15-bit window). Smaller
    /// windows are still honoured when compressing, by restarting the stream, but an inflater cannot tell whether a
    /// peer kept to its window (<see cref="FullWindowCheck.Unavailable"/>).
    /// </summary>
    Managed,
}
