using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Cases.Model;

/// <summary>
/// A frame exactly as a case wants it on the wire; nothing is "fixed". Defaults are those of a conformant client frame:
/// FIN set, no RSV bits, masked with a random key, minimal length.
/// </summary>
public sealed record FrameSpec
{
    public bool Fin { get; init; } = true;

    /// <summary>RSV bits as a 3-bit value (RSV1 = 4, RSV2 = 2, RSV3 = 1).</summary>
    public int Rsv { get; init; }

    /// <summary>Any 4-bit opcode, reserved ones included.</summary>
    public byte Opcode { get; init; }

    public byte[] Payload { get; init; } = [];

    public bool Masked { get; init; } = true;

    /// <summary>
    /// The case chose the mask bit itself (<c>mask: true|false</c>). Otherwise the frame is masked as the harness's role
    /// requires (RFC 6455 5.1: a client masks, a server does not); a fixed key alone only makes slices agree.
    /// </summary>
    public bool MaskChosen { get; init; }

    /// <summary>A fixed masking key (network order); null means a fresh random key per frame.</summary>
    public uint? MaskKey { get; init; }

    /// <summary>A payload length to write instead of the real one (a lying length field).</summary>
    public ulong? LengthOverride { get; init; }

    public LengthEncoding LengthForm { get; init; } = LengthEncoding.Minimal;

    /// <summary>
    /// Write only bytes [<see cref="SliceFrom"/>, <see cref="SliceTo"/>) of the serialised frame (header included), so
    /// one frame can be written in parts with pauses between; needs a fixed <see cref="MaskKey"/> so the parts agree.
    /// </summary>
    public int? SliceFrom { get; init; }

    public int? SliceTo { get; init; }

    /// <summary>
    /// The case wrote <c>rsv</c> itself: the frame goes out exactly as given even when permessage-deflate was
    /// negotiated (no compression), the escape hatch for hand-made compressed or deliberately broken frames.
    /// </summary>
    public bool AsGiven { get; init; }
}
