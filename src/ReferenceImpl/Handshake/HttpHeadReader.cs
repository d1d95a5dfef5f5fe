namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// Finds where an HTTP/1.1 head ends in the bytes received so far. Call it again with the
/// whole buffer after every read; the bytes after the head (a first frame, say) are the caller's.
/// </summary>
public static class HttpHeadReader
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Looks for the CRLF CRLF that ends the head.</summary>
    /// <param name="buffer">Everything received so far, from the first byte of the head.</param>
    /// <param name="limits">Bounds the head's size.</param>
    /// <param name="headLength">On <see cref="HeadReadStatus.Complete"/>, the head's length in bytes, CRLF CRLF included; otherwise 0.</param>
    public static HeadReadStatus TryFindEnd(ReadOnlySpan<byte> buffer, HandshakeLimits limits, out int headLength)
    {
        ArgumentNullException.ThrowIfNull(limits);
        headLength = 0;

        // RFC 7230 3: HTTP-message = start-line *( header-field CRLF ) CRLF; lines end in CRLF,
        // a bare LF is not accepted as a line end. Only the first MaxHeadBytes bytes may hold the end.
        var window = buffer.Length > limits.MaxHeadBytes ? buffer[..limits.MaxHeadBytes] : buffer;
        var index = window.IndexOf(EndOfHead);
        if (index >= 0)
        {
            headLength = index + EndOfHead.Length;
            return HeadReadStatus.Complete;
        }

        // RFC 6585 5: once MaxHeadBytes bytes hold no end, any end would make the head too large.
        return buffer.Length >= limits.MaxHeadBytes ? HeadReadStatus.TooLarge : HeadReadStatus.NeedMoreData;
    }
}
