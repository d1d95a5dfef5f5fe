using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>What the receiving endpoint agreed to and how it treats a peer that breaks the rules.</summary>
public sealed record ReceiveOptions
{
    /// <summary>The role of the endpoint receiving (a server receives masked frames: RFC 6455 5.1).</summary>
    public Role Receiver { get; init; } = Role.Server;

    public ViolationPolicy Policy { get; init; } = ViolationPolicy.FailConnection;

    /// <summary>RSV bits an agreed extension defines (RSV1 = 4). permessage-deflate adds RSV1 by itself.</summary>
    public int NegotiatedRsvBits { get; init; }

    /// <summary>The permessage-deflate agreement (RFC 7692 7.1), or null: compressed messages are inflated with it.</summary>
    public PerMessageDeflateParameters? PerMessageDeflate { get; init; }

    /// <summary>Fail a frame whose length is not minimally encoded (RFC 6455 5.2 makes minimal encoding a MUST).</summary>
    public bool RequireMinimalLength { get; init; } = true;

    /// <summary>The largest frame payload taken; above it the connection fails with 1009. Not applied when recording.</summary>
    public long MaxFrameSize { get; init; } = ConnectionOptions.DefaultMaxMessageSize;

    /// <summary>The largest message (compressed and inflated); above it the connection fails with 1009. Not applied when recording.</summary>
    public long MaxMessageSize { get; init; } = ConnectionOptions.DefaultMaxMessageSize;

    /// <summary>Report every frame (<see cref="FrameReceived"/>), for a wire log. Off for an endpoint that only needs messages.</summary>
    public bool ReportFrames { get; init; }

    /// <summary>With <see cref="ReportFrames"/>: how many payload bytes of each frame its event keeps (the rest is counted).</summary>
    public int FramePayloadKept { get; init; } = 64 * 1024;

    internal int RsvBits => NegotiatedRsvBits | (PerMessageDeflate is null ? 0 : Extensions.PerMessageDeflate.RsvBits);

    internal bool Records => Policy == ViolationPolicy.RecordAndContinue;
}
