namespace Conformance.ReferenceImpl.Extensions;

/// <summary>What <see cref="MessageInflater.CheckWithFullWindow"/> found about a message that failed with <see cref="InflateFailure.DistanceTooFarBack"/>.</summary>
public enum FullWindowCheck
{
    /// <summary>The check cannot be made: the managed fallback inflates with a 15-bit window whatever was agreed.</summary>
    Unavailable,

    /// <summary>
    /// The message inflates with a 15-bit window and the same preceding window: the peer referred back further than the
    /// window it agreed to (RFC 7692 7.1.2.1 server_max_window_bits, 7.1.2.2 client_max_window_bits).
    /// </summary>
    PeerUsedLargerWindow,

    /// <summary>It fails with a 15-bit window as well: plain invalid DEFLATE data (RFC 7692 7.2.2).</summary>
    InvalidData,
}
