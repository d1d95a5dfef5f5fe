namespace Conformance.ReferenceImpl.Handshake;

/// <summary>What <see cref="HttpHeadReader.TryFindEnd"/> found in the bytes read so far.</summary>
public enum HeadReadStatus
{
    /// <summary>No CRLF CRLF yet, and the limit still allows one to come: read more bytes.</summary>
    NeedMoreData,

    /// <summary>The head ends within the buffer; its length (CRLF CRLF included) was reported.</summary>
    Complete,

    /// <summary>No head end within <see cref="HandshakeLimits.MaxHeadBytes"/>: answer 431 (RFC 6585 section 5).</summary>
    TooLarge,
}
