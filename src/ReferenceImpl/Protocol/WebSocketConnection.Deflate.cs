using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>permessage-deflate inside the connection (RFC 7692 6): RSV1 rules, inflating received messages, compressing sent ones.</summary>
public sealed partial class WebSocketConnection
{
    private const int InflateGrowthStart = 16 * 1024;

    private readonly MessageDeflater? _deflater;
    private readonly MessageInflater? _inflater;
    private readonly byte[] _probe = new byte[1];

    // The incoming message has RSV1 set: its payload is compressed (RFC 7692 6).
    private bool _inflating;
    private long _wireLength;

    // The outgoing fragmented message was begun compressed.
    private bool _sendingCompressed;

    /// <summary>The permessage-deflate agreement in force, or null when the extension was not negotiated.</summary>
    public PerMessageDeflateParameters? PerMessageDeflate => _options.PerMessageDeflate;

    private static int RsvBitsOf(ConnectionOptions options) =>
        options.NegotiatedRsvBits | (options.PerMessageDeflate is null ? 0 : Extensions.PerMessageDeflate.RsvBits);

    private static MessageDeflater? CreateDeflater(ConnectionOptions options) =>
        options.PerMessageDeflate is { } agreed
            ? new MessageDeflater(agreed.MaxWindowBits(options.Role), agreed.NoContextTakeover(options.Role))
            : null;

    private static MessageInflater? CreateInflater(ConnectionOptions options) =>
        options.PerMessageDeflate is { } agreed
            ? new MessageInflater(agreed.NoContextTakeover(options.Role == Role.Server ? Role.Client : Role.Server))
            : null;

    /// <summary>The RSV1 rules of RFC 7692 6, for a header that passed the RFC 6455 rules.</summary>
    private ProtocolViolation? CheckCompressedBit(in FrameHeader header)
    {
        if (_inflater is null || !header.Rsv1)
        {
            return null;
        }

        // RFC 7692 6: an endpoint MUST NOT set the Per-Message Compressed bit of control frames and non-first
        // fragments of a data message; an endpoint receiving such a frame MUST fail the connection.
        if (header.Opcode.IsControl())
        {
            return new(ProtocolRule.CompressedControlFrame, $"RSV1 set on a {header.Opcode} frame");
        }

        return header.Opcode == Opcode.Continuation
            ? new(ProtocolRule.CompressedContinuationFrame, "RSV1 set on a continuation frame")
            : null;
    }

    /// <summary>At the first frame of a message: RSV1 says whether it is compressed (RFC 7692 6).</summary>
    private void BeginMessageCompression(in FrameHeader header)
    {
        _inflating = _inflater is not null && header.Rsv1;
        _wireLength = 0;
        if (_inflating)
        {
            _inflater!.Begin();
        }
    }

    /// <summary>A chunk of a compressed message's payload: unmasked into the inflater, then inflated as far as it goes.</summary>
    private void OnCompressedPayload(ReadOnlySpan<byte> chunk)
    {
        var queued = _inflater!.Add(chunk.Length);
        chunk.CopyTo(queued);
        _decoder.Unmask(queued);
        _wireLength += chunk.Length;
        InflateAvailable();
    }

    /// <summary>The last frame of a compressed message arrived: RFC 7692 7.2.2 appends 0x00 0x00 0xff 0xff and inflates the rest.</summary>
    private void FinishCompressedMessage()
    {
        _inflater!.Finish();
        InflateAvailable();
        if (Failure is null)
        {
            _inflater.End();
        }
    }

    /// <summary>
    /// Inflates what the queued bytes give, never more than <see cref="ConnectionOptions.MaxMessageSize"/> plus one
    /// byte: a decompression bomb ends in 1009 (RFC 6455 7.4.1) after at most the limit was allocated.
    /// </summary>
    private void InflateAvailable()
    {
        var limit = _options.MaxMessageSize;
        while (Failure is null)
        {
            int read;
            if (_messageLength == _message.Length)
            {
                // Probe one byte before growing, so output that exactly fills the buffer does not double it.
                read = Inflate(_probe);
                if (read <= 0)
                {
                    return;
                }

                var grown = Math.Min(Math.Max(_message.Length * 2L, InflateGrowthStart), Math.Min(limit + 1, Array.MaxLength));
                Array.Resize(ref _message, (int)Math.Max(grown, _messageLength + 1L));
                _message[_messageLength] = _probe[0];
            }
            else
            {
                read = Inflate(_message.AsSpan(_messageLength, (int)Math.Min(_message.Length - _messageLength, limit - _messageLength + 1)));
                if (read <= 0)
                {
                    return;
                }
            }

            var data = _message.AsSpan(_messageLength, read);
            _messageLength += read;
            if (_messageLength > limit)
            {
                // RFC 6455 7.4.1 (1009): the inflated message is bigger than this endpoint processes.
                Fail(new(ProtocolRule.MessageTooLarge, $"more than {limit} bytes once inflated (from {_wireLength} compressed bytes so far)"));
                return;
            }

            // RFC 6455 8.1: fail fast on the inflated text, as on plain text.
            if (_messageKind == MessageKind.Text && !_utf8.Advance(data))
            {
                Fail(new(ProtocolRule.InvalidUtf8InText, $"invalid UTF-8 within the {_messageLength} bytes inflated of this message"));
                return;
            }
        }
    }

    /// <summary>Inflates into <paramref name="destination"/>: the bytes written, 0 when the input is used up, -1 after failing 1007.</summary>
    private int Inflate(Span<byte> destination)
    {
        try
        {
            return _inflater!.Read(destination);
        }
        catch (InvalidDataException exception)
        {
            // RFC 7692 7.2.2: what follows RSV1 must be DEFLATE data.
            Fail(new(ProtocolRule.InvalidCompressedData, $"inflating failed after {_messageLength} bytes of output: {exception.Message}"));
            return -1;
        }
    }

    /// <summary>The payload to put in a data frame: compressed when this message is (RFC 7692 7.2.1).</summary>
    private ReadOnlySpan<byte> OutgoingPayload(ReadOnlySpan<byte> payload, bool compressed, bool endOfMessage) =>
        compressed ? _deflater!.Compress(payload, endOfMessage) : payload;

    private void ReleaseCompression()
    {
        _deflater?.Dispose();
        _inflater?.Dispose();
    }
}
