namespace Conformance.ClientDriver;

/// <summary>The one rule a deliberately broken client breaks; everything else it does as the reference core does.</summary>
public enum ClientFault
{
    /// <summary>RFC 6455 5.3: sends its frames unmasked.</summary>
    UnmaskedFrames,

    /// <summary>RFC 6455 5.3: masks every frame with the all-zero key (predictable, and no mask at all in effect).</summary>
    ZeroMaskKey,

    /// <summary>RFC 6455 5.3: masks every frame with the same key.</summary>
    RepeatedMaskKey,

    /// <summary>RFC 6455 5.1: takes masked frames from the server as if they were unmasked.</summary>
    AcceptsMaskedFrames,

    /// <summary>RFC 6455 4.1: does not check Sec-WebSocket-Accept.</summary>
    AcceptsBadAccept,

    /// <summary>RFC 6455 8.1: does not check UTF-8, and echoes invalid text.</summary>
    EchoesInvalidUtf8,
}
