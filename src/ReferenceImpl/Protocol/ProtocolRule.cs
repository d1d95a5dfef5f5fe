namespace Conformance.ReferenceImpl.Protocol;

/// <summary>Every rule of RFC 6455 (and RFC 7692) whose breach makes the reference implementation fail the connection (and the harness's observer record it).</summary>
public enum ProtocolRule
{
    ReservedBitsWithoutExtension,
    ReservedOpcode,
    ClientFrameNotMasked,
    ServerFrameMasked,
    ControlFrameTooLong,
    ControlFrameFragmented,
    PayloadLengthMostSignificantBitSet,
    NonMinimalLengthEncoding,
    ContinuationWithoutMessage,
    DataFrameInsideFragmentedMessage,
    InvalidUtf8InText,
    IncompleteUtf8AtMessageEnd,
    CloseFrameWithOneBytePayload,
    InvalidCloseCode,
    InvalidUtf8InCloseReason,
    FrameTooLarge,
    MessageTooLarge,
    CompressedControlFrame,
    CompressedContinuationFrame,
    InvalidCompressedData,
    DataFrameAfterClose,
    ServerWindowExceeded,
    ClientWindowExceeded,
    ServerContextTakeoverUsed,
    ClientContextTakeoverUsed,
    CompressedMessageNotFlushed,
}
