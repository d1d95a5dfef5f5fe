using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// One whole frame as it was on the wire (with <see cref="ReceiveOptions.ReportFrames"/>): the header bit for bit,
/// the first bytes of its payload unmasked, and, for a frame of a compressed message, the first bytes it inflated to.
/// </summary>
/// <param name="Index">The frame's 0-based position in the stream (what violations cite).</param>
/// <param name="Header">The header exactly as read.</param>
/// <param name="Payload">Up to <see cref="ReceiveOptions.FramePayloadKept"/> bytes of the payload, unmasked.</param>
/// <param name="PayloadTruncated">More payload arrived than <paramref name="Payload"/> holds (its length is in the header).</param>
public sealed record FrameReceived(long Index, FrameHeader Header, byte[] Payload, bool PayloadTruncated) : ConnectionEvent
{
    /// <summary>For a frame of a compressed message (RFC 7692 6): the first bytes of what it inflated to, else null.</summary>
    public byte[]? Inflated { get; init; }

    /// <summary>How many bytes the frame inflated to in all (0 unless <see cref="Inflated"/> is set).</summary>
    public long InflatedLength { get; init; }
}

/// <summary>
/// The peer broke a rule and the pipeline read on (<see cref="ViolationPolicy.RecordAndContinue"/>). Reported as soon as
/// the breach is known (the header, or the first bad byte), so before the <see cref="FrameReceived"/> of its frame.
/// </summary>
/// <param name="Violation">The rule, its section and what was seen.</param>
/// <param name="FrameIndex">The frame that broke it (see <see cref="FrameReceived.Index"/>).</param>
public sealed record ViolationRecorded(ProtocolViolation Violation, long FrameIndex) : ConnectionEvent;

/// <summary>The stream ended inside a frame: what had arrived of it (the header bytes, then the payload kept, unmasked).</summary>
/// <param name="Index">The frame's position in the stream.</param>
/// <param name="Bytes">The bytes of the unfinished frame that arrived (payload capped like a whole frame's).</param>
/// <param name="Header">The header, when it was complete.</param>
public sealed record PartialFrame(long Index, byte[] Bytes, FrameHeader? Header);
