using System.Buffers.Binary;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Observing;

/// <summary>
/// The always-on frame checks: judges each frame the peer (a server) sends, in order, against the rules that hold in
/// every case. Incremental, so the runner can fail the connection at the first violation as a full stack does, and the
/// judge can replay the wire log through it.
/// </summary>
public sealed class PeerChecks : IDisposable
{
    private readonly FrameRuleContext _rules;
    private readonly int _negotiatedRsvBits;
    private readonly PeerInflater? _inflater;
    private Utf8Validator _utf8;
    private bool _inMessage;
    private bool _inText;
    private bool _compressed;
    private bool _closeSeen;

    /// <param name="negotiatedRsvBits">RSV bits the negotiated extensions define (RSV1 = 4 for permessage-deflate).</param>
    /// <param name="deflate">The permessage-deflate agreement, when negotiated: compressed messages are inflated and judged.</param>
    public PeerChecks(int negotiatedRsvBits, PerMessageDeflateParameters? deflate = null)
    {
        _negotiatedRsvBits = negotiatedRsvBits;
        _rules = new FrameRuleContext(Role.Client, negotiatedRsvBits);
        _inflater = deflate is null ? null : new PeerInflater(deflate);
    }

    /// <summary>
    /// What the frame just inspected inflated to, when it belongs to a compressed message (RFC 7692 6); null otherwise.
    /// Empty when its payload was not kept.
    /// </summary>
    public InflateOutcome? LastInflated { get; private set; }

    public void Dispose() => _inflater?.Dispose();

    /// <summary>Judges the next frame received from the peer; the first rule it breaks, or null.</summary>
    public PeerViolation? Inspect(FrameEntry frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        LastInflated = null;

        // RFC 6455 5.1, 5.2, 5.5: masking, RSV bits, opcodes, control frame size and fragmentation, minimal length.
        if (FrameRules.Check(frame.Header, _rules) is { } broken)
        {
            return Violation(broken, frame);
        }

        // RFC 7692 6: with permessage-deflate, RSV1 marks the first frame of a compressed data message, nothing else.
        if (_inflater is not null && frame.Header.Rsv1 && (frame.Opcode.IsControl() || frame.Opcode == Opcode.Continuation))
        {
            var rule = frame.Opcode.IsControl() ? ProtocolRule.CompressedControlFrame : ProtocolRule.CompressedContinuationFrame;
            return Violation(new ProtocolViolation(rule, $"RSV1 set on a {frame.Opcode.Name()} frame"), frame);
        }

        if (frame.Opcode.IsControl())
        {
            return frame.Opcode == Opcode.Close ? InspectClose(frame) : null;
        }

        // RFC 6455 5.5.1: after sending a Close frame, the endpoint MUST NOT send any more data frames.
        if (_closeSeen)
        {
            return new PeerViolation("RFC 6455 5.5.1", "after sending a Close frame, an endpoint MUST NOT send any more data frames", frame.Index, frame.Describe());
        }

        return InspectData(frame);
    }

    private PeerViolation? InspectData(FrameEntry frame)
    {
        if (frame.Opcode == Opcode.Continuation && !_inMessage)
        {
            // RFC 6455 5.4: a continuation frame only continues a message started with FIN clear.
            return Violation(new ProtocolViolation(ProtocolRule.ContinuationWithoutMessage, "continuation frame with no message in progress"), frame);
        }

        if (frame.Opcode != Opcode.Continuation)
        {
            if (_inMessage)
            {
                // RFC 6455 5.4: the fragments of one message MUST NOT be interleaved with another message.
                return Violation(new ProtocolViolation(ProtocolRule.DataFrameInsideFragmentedMessage, $"{frame.Opcode.Name()} frame inside a fragmented message"), frame);
            }

            _inMessage = true;
            _inText = frame.Opcode == Opcode.Text;
            _compressed = frame.Header.Rsv1 && (_negotiatedRsvBits & 4) != 0;
            _utf8 = default;
            if (_compressed)
            {
                _inflater?.Begin();
            }
        }

        var violation = _compressed ? InspectCompressed(frame)
            : _inText && !frame.PayloadTruncated ? InspectText(frame, frame.Payload)
            : null;
        if (frame.Fin)
        {
            _inMessage = false;
        }

        return violation;
    }

    /// <summary>A frame of a compressed message: inflated (RFC 7692 7.2.2), then its text judged as plain text is.</summary>
    private PeerViolation? InspectCompressed(FrameEntry frame)
    {
        if (_inflater is null)
        {
            return null;
        }

        if (frame.PayloadTruncated)
        {
            _inflater.Lose();
        }

        var outcome = _inflater.Add(frame.PayloadTruncated ? [] : frame.Payload, frame.Fin);
        LastInflated = outcome;
        if (outcome.Failure is { } failure)
        {
            // RFC 7692 7.1.1.1: a server that agreed to server_no_context_takeover MUST start every message from an empty window.
            return outcome.BrokeNoContextTakeover
                ? new PeerViolation("RFC 7692 7.1.1.1", "a server that agreed to server_no_context_takeover MUST NOT use context takeover: every message must inflate from an empty window",
                    frame.Index, $"{frame.Describe()}: the message refers back into an earlier message (alone it fails: {failure})")
                : Violation(new ProtocolViolation(ProtocolRule.InvalidCompressedData, $"inflating failed: {failure}"), frame);
        }

        return _inText && !outcome.Truncated ? InspectText(frame, outcome.Output, outcome.Output.Length > 0 || !frame.PayloadTruncated) : null;
    }

    private PeerViolation? InspectText(FrameEntry frame, byte[] text, bool judgeEnd = true)
    {
        // RFC 6455 8.1: text payload MUST be valid UTF-8, judged as the fragments arrive.
        if (!_utf8.Advance(text))
        {
            return Violation(new ProtocolViolation(ProtocolRule.InvalidUtf8InText, "invalid UTF-8 in a text message"), frame);
        }

        if (judgeEnd && frame.Fin && !_utf8.IsComplete)
        {
            return Violation(new ProtocolViolation(ProtocolRule.IncompleteUtf8AtMessageEnd, "text message ends inside a UTF-8 sequence"), frame);
        }

        return null;
    }

    private PeerViolation? InspectClose(FrameEntry frame)
    {
        _closeSeen = true;
        var body = frame.Payload;
        if (body.Length == 0)
        {
            return null;
        }

        // RFC 6455 5.5.1: a close body starts with a 2-byte status code.
        if (body.Length == 1)
        {
            return Violation(new ProtocolViolation(ProtocolRule.CloseFrameWithOneBytePayload, "close frame with a 1-byte payload"), frame);
        }

        // RFC 6455 7.4.1, 7.4.2: only some codes may be sent on the wire.
        var code = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (!CloseCode.IsValidOnWire(code))
        {
            return Violation(new ProtocolViolation(ProtocolRule.InvalidCloseCode, $"close code {code}"), frame);
        }

        // RFC 6455 5.5.1: the close reason is UTF-8.
        if (!Utf8Validator.IsWellFormed(body.AsSpan(2)))
        {
            return Violation(new ProtocolViolation(ProtocolRule.InvalidUtf8InCloseReason, $"close reason 0x{Convert.ToHexString(body.AsSpan(2))}"), frame);
        }

        return null;
    }

    private static PeerViolation Violation(ProtocolViolation broken, FrameEntry frame) =>
        new(broken.Section, broken.Requirement, frame.Index, $"{frame.Describe()}: {broken.Detail}", RequirementLevel.Must, broken.CloseCode);
}
