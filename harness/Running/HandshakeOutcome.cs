using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Running;

/// <summary>What the opening handshake gave: the response (head text, parsed, judged) and the bytes that followed its head.</summary>
internal sealed record HandshakeOutcome(string? Head, HandshakeResponse? Response, ClientHandshakeResult? Validation, byte[] After, string? Error);
