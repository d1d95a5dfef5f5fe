using System.Security.Cryptography;
using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>The Sec-WebSocket-Key / Sec-WebSocket-Accept pair of the opening handshake.</summary>
public static class AcceptKey
{
    /// <summary>RFC 6455 1.3 / 4.2.2 item 5.4: the GUID appended to the key before hashing.</summary>
    public const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)), the key taken as sent,
    /// OWS already trimmed (RFC 6455 4.2.2 item 5.4).
    /// </summary>
    public static string Compute(string secWebSocketKey)
    {
        ArgumentNullException.ThrowIfNull(secWebSocketKey);

        // RFC 6455 4.2.2 item 5.4: SHA-1 is what the protocol mandates; it proves receipt, not secrecy.
#pragma warning disable CA5350 // Do Not Use Weak Cryptographic Algorithms
        var hash = SHA1.HashData(Encoding.Latin1.GetBytes(secWebSocketKey + Guid));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Whether a Sec-WebSocket-Key value is base64 that decodes to exactly 16 bytes
    /// (RFC 6455 4.1 item 7, 4.2.1 item 5): 22 base64 characters and "==", nothing else.
    /// </summary>
    public static bool IsValidClientKey(string? secWebSocketKey)
    {
        // RFC 6455 4.2.1 item 5: "a base64-encoded value that, when decoded, is 16 bytes in length".
        // 16 bytes encode to exactly 24 characters ending in "=="; whitespace inside is not base64.
        if (secWebSocketKey is null || secWebSocketKey.Length != 24 || !secWebSocketKey.EndsWith("==", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in secWebSocketKey.AsSpan(0, 22))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        Span<byte> decoded = stackalloc byte[18];
        return Convert.TryFromBase64String(secWebSocketKey, decoded, out var written) && written == 16;
    }

    /// <summary>Encodes a 16-byte nonce as a Sec-WebSocket-Key value (RFC 6455 4.1 item 7).</summary>
    public static string EncodeNonce(ReadOnlySpan<byte> nonce)
    {
        // RFC 6455 4.1 item 7: the nonce is 16 bytes, base64-encoded.
        if (nonce.Length != 16)
        {
            throw new ArgumentException($"A Sec-WebSocket-Key nonce is exactly 16 bytes (RFC 6455 4.1 item 7); got {nonce.Length}.", nameof(nonce));
        }

        return Convert.ToBase64String(nonce);
    }
}
