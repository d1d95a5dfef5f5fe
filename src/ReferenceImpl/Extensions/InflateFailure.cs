namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Why <see cref="MessageInflater.Read"/> threw its <see cref="InvalidDataException"/> for the current message
/// (<see cref="MessageInflater.Failure"/>). The exception type stays the runtime's sealed one, so callers that only
/// care about validity keep catching it; those that care which rule was broken ask the inflater.
/// </summary>
public enum InflateFailure
{
    /// <summary>The message has not failed.</summary>
    None,

    /// <summary>The bytes are not valid DEFLATE data (RFC 7692 7.2.2).</summary>
    InvalidData,

    /// <summary>
    /// A distance reaches beyond the inflater's window (zlib: "invalid distance too far back"). Either the peer used a
    /// larger LZ77 window than it agreed (RFC 7692 7.1.2.1 / 7.1.2.2) or the distance reaches before the start of the
    /// data, which is plain invalid data (RFC 7692 7.2.2): <see cref="MessageInflater.CheckWithFullWindow"/> tells which.
    /// </summary>
    DistanceTooFarBack,
}
