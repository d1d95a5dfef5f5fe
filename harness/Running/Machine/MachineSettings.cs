using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// What a case machine needs to know besides the case: which side of the connection the harness is on, what the opening
/// handshake agreed, and how long the peer gets for each part of the closing.
/// </summary>
public sealed record MachineSettings
{
    /// <summary>The harness's role: <see cref="Role.Client"/> when it tests a server (it masks what it sends).</summary>
    public Role HarnessRole { get; init; } = Role.Client;

    /// <summary>RSV bits the accepted extensions define.</summary>
    public int NegotiatedRsvBits { get; init; }

    /// <summary>The permessage-deflate agreement, or null.</summary>
    public PerMessageDeflateParameters? Deflate { get; init; }

    /// <summary>
    /// The level of the messages the harness compresses: the fastest that still sends dynamic Huffman codes and
    /// back-references within the agreed window (all a peer's inflater must handle, RFC 7692 7.2.2), at a fraction of
    /// level 6's cost.
    /// </summary>
    public int DeflateLevel { get; init; } = ReferenceImpl.Extensions.MessageDeflater.FastDynamicLevel;

    /// <summary>The case offered permessage-deflate, needs it, and the server declined: close at once (UNIMPLEMENTED).</summary>
    public bool DeflateDeclined { get; init; }

    /// <summary>Steps already written with the opening handshake (frames-with-request).</summary>
    public int FirstStep { get; init; }

    /// <summary>How long the peer has to answer the harness's close frame (RFC 6455 5.5.1; Autobahn's closeHandshakeTimeout).</summary>
    public TimeSpan CloseHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a server has to close TCP after the closing handshake (RFC 6455 7.1.1; Autobahn's serverConnectionDropTimeout).</summary>
    public TimeSpan ServerDropTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The masking keys of the harness's frames (RFC 6455 5.3: fresh and unpredictable); fixed in tests.</summary>
    public Func<uint>? MaskKeys { get; init; }

    /// <summary>
    /// Close as soon as what the peer sent can no longer match any outcome of an echo case (the verdict is settled), instead
    /// of waiting for the deadline. Off where a caller judges more leniently than the case's exact lists (property mode,
    /// which allows echoes and pongs interleaved).
    /// </summary>
    public bool SettleEarly { get; init; } = true;

    /// <summary>How many payload bytes of each frame the wire log keeps.</summary>
    public int FramePayloadKept { get; init; } = 4096;

    /// <summary>The settings a run's options give the harness on <paramref name="role"/>'s side, before the handshake's agreements.</summary>
    public static MachineSettings For(RunOptions options, Role role)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MachineSettings
        {
            HarnessRole = role,
            CloseHandshakeTimeout = options.CloseHandshakeTimeout,
            ServerDropTimeout = options.ServerDropTimeout,
            SettleEarly = options.SettleEarly,
        };
    }
}
