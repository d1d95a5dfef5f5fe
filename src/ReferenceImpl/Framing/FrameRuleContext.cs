using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>What the receiving endpoint knows when it judges a frame header.</summary>
/// <param name="Receiver">The role of the endpoint receiving the frame.</param>
/// <param name="NegotiatedRsvBits">RSV bits an agreed extension defines (RSV1 = 4, RSV2 = 2, RSV3 = 1).</param>
/// <param name="RequireMinimalLength">Reject a length encoded in more bytes than needed (RFC 6455 5.2).</param>
/// <param name="MaxFramePayload">The largest payload a single frame may announce; larger gets 1009.</param>
public sealed record FrameRuleContext(
    Role Receiver,
    int NegotiatedRsvBits = 0,
    bool RequireMinimalLength = true,
    ulong MaxFramePayload = ulong.MaxValue >> 1);
