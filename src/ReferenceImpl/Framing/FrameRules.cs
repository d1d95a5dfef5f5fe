using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Framing;

/// <summary>Judges one frame header against every per-frame rule of RFC 6455; names the first rule it breaks.</summary>
public static class FrameRules
{
    public static ProtocolViolation? Check(in FrameHeader header, FrameRuleContext context)
    {
        // RFC 6455 5.2: an unknown opcode MUST fail the connection.
        if (header.Opcode.IsReserved())
        {
            return new(ProtocolRule.ReservedOpcode, $"opcode 0x{(byte)header.Opcode:X}");
        }

        // RFC 6455 5.2: RSV bits MUST be 0 unless an extension defining them was negotiated.
        if ((header.RsvBits & ~context.NegotiatedRsvBits) != 0)
        {
            return new(ProtocolRule.ReservedBitsWithoutExtension, $"RSV bits {Convert.ToString(header.RsvBits, 2).PadLeft(3, '0')} on {header.Opcode}");
        }

        // RFC 6455 5.1: client-to-server frames are masked; server-to-client frames are not.
        if (context.Receiver == Role.Server && !header.Masked)
        {
            return new(ProtocolRule.ClientFrameNotMasked, $"{header.Opcode} frame without MASK bit");
        }

        if (context.Receiver == Role.Client && header.Masked)
        {
            return new(ProtocolRule.ServerFrameMasked, $"{header.Opcode} frame with MASK bit");
        }

        if (header.Opcode.IsControl())
        {
            // RFC 6455 5.5: control frames carry at most 125 bytes and are never fragmented.
            if (header.PayloadLength > 125)
            {
                return new(ProtocolRule.ControlFrameTooLong, $"{header.Opcode} with {header.PayloadLength} bytes");
            }

            if (!header.Fin)
            {
                return new(ProtocolRule.ControlFrameFragmented, $"{header.Opcode} with FIN clear");
            }
        }

        // RFC 6455 5.2: the most significant bit of a 64-bit length MUST be 0.
        if ((header.PayloadLength & 0x8000_0000_0000_0000UL) != 0)
        {
            return new(ProtocolRule.PayloadLengthMostSignificantBitSet, $"length 0x{header.PayloadLength:X16}");
        }

        // RFC 6455 5.2: the minimal number of bytes MUST be used to encode the length.
        if (context.RequireMinimalLength && header.HasNonMinimalLength)
        {
            return new(ProtocolRule.NonMinimalLengthEncoding, $"length {header.PayloadLength} in the {header.EffectiveLengthEncoding} form");
        }

        // RFC 6455 7.4.1 (1009): a frame too big for this endpoint to process.
        if (header.PayloadLength > context.MaxFramePayload)
        {
            return new(ProtocolRule.FrameTooLarge, $"{header.PayloadLength} bytes, limit {context.MaxFramePayload}");
        }

        return null;
    }
}
