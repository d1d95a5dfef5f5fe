using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Running;

/// <summary>The request head to write, and the <see cref="ClientHandshake"/> that judges the answer to it (same key, same offers).</summary>
internal sealed record HandshakeRequest(byte[] Bytes, ClientHandshake Validator);
