namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// Bounds on what an opening handshake head may cost to read. Exceeding one is answered with
/// 431 Request Header Fields Too Large (RFC 6585 section 5), or 414 for an over-long request line
/// (RFC 7230 section 3.1.1).
/// </summary>
public sealed record HandshakeLimits
{
    /// <summary>The limits a new server or client uses unless told otherwise.</summary>
    public static HandshakeLimits Default { get; } = new();

    /// <summary>Largest head accepted, start line through the final empty line (CRLF CRLF) included.</summary>
    public int MaxHeadBytes { get; init; } = 16 * 1024;

    /// <summary>Largest number of header field lines.</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Largest single line (start line or header field line), its CRLF not counted.</summary>
    public int MaxHeaderLineBytes { get; init; } = 8 * 1024;

    internal void EnsureValid()
    {
        if (MaxHeadBytes < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeadBytes), MaxHeadBytes, "MaxHeadBytes must be at least 4 (the CRLF CRLF that ends a head).");
        }

        if (MaxHeaderCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderCount), MaxHeaderCount, "MaxHeaderCount must not be negative.");
        }

        if (MaxHeaderLineBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderLineBytes), MaxHeaderLineBytes, "MaxHeaderLineBytes must be positive.");
        }
    }
}
