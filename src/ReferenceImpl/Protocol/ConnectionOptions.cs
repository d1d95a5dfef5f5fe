using System.Security.Cryptography;
using Conformance.ReferenceImpl.Extensions;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>Settings of one connection's state machine.</summary>
public sealed record ConnectionOptions
{
    public const long DefaultMaxMessageSize = 64L * 1024 * 1024;

    public Role Role { get; init; } = Role.Server;

    /// <summary>The largest payload a single frame may announce; above it the connection fails with 1009. Defaults to <see cref="MaxMessageSize"/>.</summary>
    public long? MaxFrameSize { get; init; }

    public long EffectiveMaxFrameSize => MaxFrameSize ?? MaxMessageSize;

    /// <summary>The largest message (all fragments together); above it the connection fails with 1009.</summary>
    public long MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Fail a frame whose length is not minimally encoded (RFC 6455 5.2 makes minimal encoding a MUST).</summary>
    public bool RequireMinimalLength { get; init; } = true;

    /// <summary>Answer every ping with a pong carrying its payload (RFC 6455 5.5.2).</summary>
    public bool AutoPong { get; init; } = true;

    /// <summary>RSV bits that a negotiated extension defines (RSV1 = 4). permessage-deflate adds RSV1 by itself.</summary>
    public int NegotiatedRsvBits { get; init; }

    /// <summary>
    /// The permessage-deflate agreement of the opening handshake (RFC 7692 7.1), or null when it was not negotiated.
    /// With it, messages are sent compressed and compressed messages are inflated; <see cref="MaxMessageSize"/> bounds
    /// both the compressed and the inflated size.
    /// </summary>
    public PerMessageDeflateParameters? PerMessageDeflate { get; init; }

    /// <summary>zlib's level for messages this endpoint compresses (1 fastest .. 9 smallest); the agreement does not fix it.</summary>
    public int DeflateLevel { get; init; } = MessageDeflater.DefaultLevel;

    /// <summary>
    /// Where each received message's data goes; null keeps every byte (<see cref="Receiving.AccumulatingMessageSink"/>).
    /// A load generator checks echoes against what it sent without keeping them.
    /// </summary>
    public Func<Receiving.IMessageSink>? MessageSink { get; init; }

    /// <summary>Source of client masking keys; RFC 6455 5.3 asks for a fresh, unpredictable key per frame.</summary>
    public Func<uint> MaskKeySource { get; init; } = static () =>
    {
        Span<byte> key = stackalloc byte[4];
        RandomNumberGenerator.Fill(key);
        return BitConverter.ToUInt32(key);
    };
}
