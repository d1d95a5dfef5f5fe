using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Observing;

/// <summary>A whole frame read from the peer: raw header bytes, parsed header, unmasked payload (cut at the reader's cap).</summary>
public sealed record ReceivedFrame(FrameHeader Header, byte[] HeaderBytes, byte[] Payload, bool PayloadTruncated);
