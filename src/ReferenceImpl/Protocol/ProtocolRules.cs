namespace Conformance.ReferenceImpl.Protocol;

/// <summary>What each rule says, where the RFC says it, and which close code failing it sends (a table, not scattered ifs).</summary>
public static class ProtocolRules
{
    public readonly record struct RuleInfo(string Section, ushort CloseCode, string Requirement);

    private static readonly Dictionary<ProtocolRule, RuleInfo> Table = new()
    {
        [ProtocolRule.ReservedBitsWithoutExtension] = new("RFC 6455 5.2", CloseCode.ProtocolError,
            "RSV1-3 MUST be 0 unless an extension that defines them was negotiated"),
        [ProtocolRule.ReservedOpcode] = new("RFC 6455 5.2", CloseCode.ProtocolError,
            "an unknown (reserved) opcode MUST fail the connection"),
        [ProtocolRule.ClientFrameNotMasked] = new("RFC 6455 5.1", CloseCode.ProtocolError,
            "a server MUST close the connection when it receives an unmasked frame"),
        [ProtocolRule.ServerFrameMasked] = new("RFC 6455 5.1", CloseCode.ProtocolError,
            "a client MUST close the connection when it receives a masked frame"),
        [ProtocolRule.ControlFrameTooLong] = new("RFC 6455 5.5", CloseCode.ProtocolError,
            "control frames MUST have a payload length of 125 bytes or less"),
        [ProtocolRule.ControlFrameFragmented] = new("RFC 6455 5.5", CloseCode.ProtocolError,
            "control frames MUST NOT be fragmented"),
        [ProtocolRule.PayloadLengthMostSignificantBitSet] = new("RFC 6455 5.2", CloseCode.ProtocolError,
            "the most significant bit of a 64-bit payload length MUST be 0"),
        [ProtocolRule.NonMinimalLengthEncoding] = new("RFC 6455 5.2", CloseCode.ProtocolError,
            "the minimal number of bytes MUST be used to encode the length"),
        [ProtocolRule.ContinuationWithoutMessage] = new("RFC 6455 5.4", CloseCode.ProtocolError,
            "a continuation frame MUST follow a data frame with FIN clear"),
        [ProtocolRule.DataFrameInsideFragmentedMessage] = new("RFC 6455 5.4", CloseCode.ProtocolError,
            "fragments of one message MUST NOT be interleaved with another data frame"),
        [ProtocolRule.InvalidUtf8InText] = new("RFC 6455 8.1", CloseCode.InvalidPayloadData,
            "text payload MUST be valid UTF-8; an invalid sequence fails the connection"),
        [ProtocolRule.IncompleteUtf8AtMessageEnd] = new("RFC 6455 8.1", CloseCode.InvalidPayloadData,
            "a text message MUST NOT end inside a UTF-8 sequence"),
        [ProtocolRule.CloseFrameWithOneBytePayload] = new("RFC 6455 5.5.1", CloseCode.ProtocolError,
            "a close payload, if present, MUST start with a 2-byte status code"),
        [ProtocolRule.InvalidCloseCode] = new("RFC 6455 7.4.1", CloseCode.ProtocolError,
            "the close status code MUST be one allowed on the wire (1000-1003, 1007-1014, 3000-4999)"),
        [ProtocolRule.InvalidUtf8InCloseReason] = new("RFC 6455 5.5.1", CloseCode.InvalidPayloadData,
            "the close reason MUST be valid UTF-8"),
        [ProtocolRule.FrameTooLarge] = new("RFC 6455 7.4.1", CloseCode.MessageTooBig,
            "a frame larger than the endpoint's limit is answered with 1009"),
        [ProtocolRule.MessageTooLarge] = new("RFC 6455 7.4.1", CloseCode.MessageTooBig,
            "a message larger than the endpoint's limit is answered with 1009"),
        [ProtocolRule.CompressedControlFrame] = new("RFC 7692 6", CloseCode.ProtocolError,
            "the Per-Message Compressed bit (RSV1) MUST NOT be set on a control frame"),
        [ProtocolRule.CompressedContinuationFrame] = new("RFC 7692 6", CloseCode.ProtocolError,
            "the Per-Message Compressed bit (RSV1) MUST NOT be set on a non-first fragment of a message"),
        [ProtocolRule.InvalidCompressedData] = new("RFC 7692 7.2.2", CloseCode.InvalidPayloadData,
            "the payload of a compressed message MUST be DEFLATE data (RFC 1951) once 0x00 0x00 0xff 0xff is appended"),
        [ProtocolRule.DataFrameAfterClose] = new("RFC 6455 5.5.1", CloseCode.ProtocolError,
            "after sending a Close frame, an endpoint MUST NOT send any more data frames"),
        [ProtocolRule.ServerWindowExceeded] = new("RFC 7692 7.1.2.1", CloseCode.ProtocolError,
            "a server that agreed to server_max_window_bits MUST NOT use an LZ77 sliding window longer than that"),
        [ProtocolRule.ClientWindowExceeded] = new("RFC 7692 7.1.2.2", CloseCode.ProtocolError,
            "a client that agreed to client_max_window_bits MUST NOT use an LZ77 sliding window longer than that"),
        [ProtocolRule.ServerContextTakeoverUsed] = new("RFC 7692 7.1.1.1", CloseCode.ProtocolError,
            "a server that agreed to server_no_context_takeover MUST start every message from an empty LZ77 window"),
        [ProtocolRule.CompressedMessageNotFlushed] = new("RFC 7692 7.2.1", CloseCode.InvalidPayloadData,
            "a compressed message's data MUST end with an empty stored block whose 0x00 0x00 0xff 0xff tail is removed (or with a final block, 7.2.3.4), so the receiver's appended tail completes it"),
        [ProtocolRule.ClientContextTakeoverUsed] = new("RFC 7692 7.1.1.2", CloseCode.ProtocolError,
            "a client that agreed to client_no_context_takeover MUST start every message from an empty LZ77 window"),
    };

    public static RuleInfo Describe(ProtocolRule rule) => Table[rule];
}
