using System.Buffers.Binary;
using System.Text;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>A close frame's payload read by the rules of RFC 6455 5.5.1 and 7.4: its code, its reason, and the first rule it breaks.</summary>
/// <param name="Code">The status code, or null for an empty (or 1-byte) payload.</param>
/// <param name="Reason">The reason as text (invalid UTF-8 shown with replacement characters).</param>
/// <param name="Violation">The rule the payload breaks, or null.</param>
public readonly record struct CloseBody(ushort? Code, string Reason, ProtocolViolation? Violation)
{
    public static CloseBody Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return new CloseBody(null, string.Empty, null);
        }

        // RFC 6455 5.5.1: a close body, if any, starts with a 2-byte status code.
        if (payload.Length == 1)
        {
            return new CloseBody(null, string.Empty, new ProtocolViolation(ProtocolRule.CloseFrameWithOneBytePayload, $"close payload 0x{payload[0]:X2}"));
        }

        var code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        var reasonBytes = payload[2..];
        var reason = Encoding.UTF8.GetString(reasonBytes);

        // RFC 6455 7.4.1/7.4.2 and the IANA registry: only some codes may be sent on the wire.
        if (!CloseCode.IsValidOnWire(code))
        {
            return new CloseBody(code, reason, new ProtocolViolation(ProtocolRule.InvalidCloseCode, $"close code {code}"));
        }

        // RFC 6455 5.5.1: the reason is UTF-8.
        if (!Utf8Validator.IsWellFormed(reasonBytes))
        {
            return new CloseBody(code, reason, new ProtocolViolation(ProtocolRule.InvalidUtf8InCloseReason, $"close reason 0x{Convert.ToHexString(reasonBytes)}"));
        }

        return new CloseBody(code, reason, null);
    }
}
