namespace Conformance.ReferenceImpl.Extensions;

/// <summary>The names and fixed values of the permessage-deflate extension (RFC 7692 7).</summary>
public static class PerMessageDeflate
{
    /// <summary>The extension token (RFC 7692 7).</summary>
    public const string ExtensionName = "permessage-deflate";

    /// <summary>RFC 7692 7.1.1.1: the server will not use context takeover.</summary>
    public const string ServerNoContextTakeover = "server_no_context_takeover";

    /// <summary>RFC 7692 7.1.1.2: the client will not use context takeover.</summary>
    public const string ClientNoContextTakeover = "client_no_context_takeover";

    /// <summary>RFC 7692 7.1.2.1: the largest LZ77 window the server compresses with.</summary>
    public const string ServerMaxWindowBits = "server_max_window_bits";

    /// <summary>RFC 7692 7.1.2.2: the largest LZ77 window the client compresses with.</summary>
    public const string ClientMaxWindowBits = "client_max_window_bits";

    /// <summary>RFC 7692 7.1.2.1: window bits range from 8 ...</summary>
    public const int MinWindowBits = 8;

    /// <summary>... to 15 (a 32 KiB window, DEFLATE's largest, RFC 1951 2).</summary>
    public const int MaxWindowBits = 15;

    /// <summary>RFC 7692 6: the "Per-Message Compressed" bit is RSV1 (the value 4 in <see cref="Framing.FrameHeader.RsvBits"/>).</summary>
    public const int RsvBits = 4;

    /// <summary>RFC 7692 7.2.1 / 7.2.2: the tail of an empty stored block, removed by the sender and appended by the receiver.</summary>
    public static ReadOnlySpan<byte> Trailer => [0x00, 0x00, 0xff, 0xff];

    /// <summary>RFC 7692 7.2.3.6: the payload of a compressed message that adds no data (an empty stored block's header byte).</summary>
    public static ReadOnlySpan<byte> EmptyBlock => [0x00];

    /// <summary>Whether an extension element names permessage-deflate (tokens compare exactly, as the handshake does).</summary>
    public static bool IsNamedBy(Handshake.ExtensionOffer extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return string.Equals(extension.Name, ExtensionName, StringComparison.Ordinal);
    }
}
