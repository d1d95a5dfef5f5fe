namespace Conformance.ReferenceImpl.Protocol;

/// <summary>Close status codes (RFC 6455 7.4.1 and the IANA "WebSocket Close Code Number Registry").</summary>
public static class CloseCode
{
    public const ushort NormalClosure = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;
    public const ushort Reserved1004 = 1004;
    public const ushort NoStatusReceived = 1005;
    public const ushort AbnormalClosure = 1006;
    public const ushort InvalidPayloadData = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort MandatoryExtension = 1010;
    public const ushort InternalError = 1011;
    public const ushort ServiceRestart = 1012;
    public const ushort TryAgainLater = 1013;
    public const ushort BadGateway = 1014;
    public const ushort TlsHandshake = 1015;

    /// <summary>
    /// Whether <paramref name="code"/> may appear in a close frame on the wire.
    /// RFC 6455 7.4.1: 1005, 1006 and 1015 MUST NOT be sent; 1004 is reserved.
    /// RFC 6455 7.4.2: 0-999 are not used; 1000-2999 are reserved for the RFC and IANA registrations
    /// (registered: 1000-1003, 1007-1014); 3000-3999 are for libraries and frameworks; 4000-4999 are private.
    /// </summary>
    public static bool IsValidOnWire(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };
}
