namespace Conformance.Harness.Cases.Model;

/// <summary>Something the peer is expected to do, matched in order against what it did (close frames are not events).</summary>
public abstract record ExpectedEvent;

/// <summary>
/// A data message. With <see cref="Payload"/> it must match exactly; otherwise <see cref="Length"/> (and
/// <see cref="Sha256"/> when given) must match, for large messages.
/// </summary>
public sealed record ExpectedMessage(bool Binary, byte[]? Payload, long? Length = null, string? Sha256 = null) : ExpectedEvent;

public sealed record ExpectedPing(byte[] Payload) : ExpectedEvent;

public sealed record ExpectedPong(byte[] Payload) : ExpectedEvent;

/// <summary>The connection was still open when the pause with this mark ended.</summary>
public sealed record ExpectedMark(string Name) : ExpectedEvent;

/// <summary>
/// The echo of a round trip: a data message of this type equal (length and SHA-256) to the message the harness sent in
/// that round trip (Autobahn 12/13 compare type, length and SHA-1 of every echo).
/// </summary>
public sealed record ExpectedEcho(bool Binary) : ExpectedEvent;
