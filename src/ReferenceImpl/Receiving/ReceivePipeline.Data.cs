using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>Data frames: fragmentation (RFC 6455 5.4), UTF-8 (8.1), compression (RFC 7692 6, 7.2.2) and the message limit.</summary>
public sealed partial class ReceivePipeline
{

    // The message being assembled.
    private bool _inMessage;
    private MessageKind _kind;
    private bool _compressed;
    private long _length;
    private long _wireLength;
    private Utf8Validator _utf8;
    private bool _utf8Broken;
    private bool _incomplete;

    private void OnDataHeader(in FrameHeader header)
    {
        // RFC 6455 5.5.1: after sending a Close frame, an endpoint MUST NOT send any more data frames.
        if (CloseReceived)
        {
            Breach(new(ProtocolRule.DataFrameAfterClose, $"{header.Opcode.Name()} frame after the close frame"));
            return;
        }

        if (header.Opcode == Opcode.Continuation)
        {
            // RFC 6455 5.4: a continuation frame only continues a message that was started.
            if (!_inMessage)
            {
                Breach(new(ProtocolRule.ContinuationWithoutMessage, "continuation frame with no message in progress"));
                return;
            }
        }
        else
        {
            // RFC 6455 5.4: the fragments of one message are not interleaved with another message.
            if (_inMessage)
            {
                if (Breach(new(ProtocolRule.DataFrameInsideFragmentedMessage, $"{header.Opcode.Name()} frame while a fragmented message is in progress")))
                {
                    return;
                }

                AbandonMessage();
            }

            BeginMessage(header);
        }

        // RFC 6455 7.4.1 (1009): refuse a message too big to process as soon as its size is known (for a compressed
        // message, the bytes on the wire; its inflated size is bounded as it is inflated). An observer takes any size.
        var sizeSoFar = _compressed ? (ulong)_wireLength : (ulong)_length;
        if (!_options.Records && sizeSoFar + header.PayloadLength > (ulong)_options.MaxMessageSize)
        {
            Breach(new(ProtocolRule.MessageTooLarge, $"{sizeSoFar + header.PayloadLength} bytes{(_compressed ? " compressed" : string.Empty)}, limit {_options.MaxMessageSize}"));
            return;
        }

        _use = _compressed ? PayloadUse.CompressedData : PayloadUse.Data;
    }

    /// <summary>The RSV1 rules of RFC 7692 6, for a header that passed the RFC 6455 rules.</summary>
    private ProtocolViolation? CheckCompressedBit(in FrameHeader header)
    {
        if (_inflate is null || !header.Rsv1)
        {
            return null;
        }

        // RFC 7692 6: an endpoint MUST NOT set the Per-Message Compressed bit of control frames and non-first
        // fragments of a data message; an endpoint receiving such a frame MUST fail the connection.
        if (header.Opcode.IsControl())
        {
            return new(ProtocolRule.CompressedControlFrame, $"RSV1 set on a {header.Opcode.Name()} frame");
        }

        return header.Opcode == Opcode.Continuation
            ? new(ProtocolRule.CompressedContinuationFrame, "RSV1 set on a continuation frame")
            : null;
    }

    private void BeginMessage(in FrameHeader header)
    {
        _inMessage = true;
        _kind = header.Opcode == Opcode.Text ? MessageKind.Text : MessageKind.Binary;
        // RFC 7692 6: RSV1 on the first frame says the message is compressed.
        _compressed = _inflate is not null && header.Rsv1;
        _length = 0;
        _wireLength = 0;
        _utf8 = default;
        _utf8Broken = false;
        _incomplete = false;
        _sink.Begin(_kind, _compressed);
        if (_compressed)
        {
            _inflate!.Begin();
            // An earlier message that could not be inflated took the window with it (context takeover).
            _incomplete = _inflate.ContextLost;
        }
    }

    private void OnData(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        _wireLength += data.Length;
        if (CheckText(data, "received"))
        {
            _sink.Append(data, _decoder.PayloadRemaining);
        }
    }

    private void OnCompressedData(ReadOnlySpan<byte> data)
    {
        _wireLength += data.Length;
        _inflate!.Add(data);
        InflateAvailable();
    }

    /// <summary>The last frame of a compressed message arrived: RFC 7692 7.2.2 appends 0x00 0x00 0xff 0xff and inflates the rest.</summary>
    private void FinishInflating()
    {
        _inflate!.Finish();
        InflateAvailable();
        if (!Stopped && _inflate.End() is { } unfinished)
        {
            // RFC 7692 7.2.1: its last bits cannot be decoded, so what was inflated is not all of the message.
            _incomplete = true;
            Breach(unfinished);
        }
    }

    /// <summary>
    /// Inflates what the queued bytes give. Failing, never more than the message limit plus one byte: a decompression
    /// bomb ends in 1009 (RFC 6455 7.4.1) after at most the limit was inflated. Recording, the sink bounds what is kept.
    /// </summary>
    private void InflateAvailable()
    {
        // Inflate output from the pool, per call: an idle connection holds no 64 KiB buffer.
        var inflated = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            InflateInto(inflated);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(inflated);
        }
    }

    private void InflateInto(byte[] inflated)
    {
        while (!Stopped)
        {
            var room = _options.Records ? ChunkSize : (int)Math.Min(ChunkSize, _options.MaxMessageSize - _length + 1);
            var read = _inflate!.Read(inflated.AsSpan(0, room), out var failure);
            if (failure is not null)
            {
                // RFC 7692 7.2.2 (or 7.1.1, 7.1.2 when diagnosed): the payload is not what the agreement allows.
                _incomplete = true;
                Breach(failure);
                return;
            }

            if (read == 0)
            {
                return;
            }

            var data = inflated.AsSpan(0, read);
            _length += read;
            _frameInflated?.Add(data);
            if (!_options.Records && _length > _options.MaxMessageSize)
            {
                // RFC 6455 7.4.1 (1009): the inflated message is bigger than this endpoint processes.
                Breach(new(ProtocolRule.MessageTooLarge, $"more than {_options.MaxMessageSize} bytes once inflated (from {_wireLength} compressed bytes so far)"));
                return;
            }

            if (CheckText(data, "inflated"))
            {
                _sink.Append(data, 0);
            }
        }
    }

    /// <summary>RFC 6455 8.1: text is valid UTF-8, failed at the first byte where it can no longer be. False when the connection failed.</summary>
    private bool CheckText(ReadOnlySpan<byte> data, string how)
    {
        if (_kind != MessageKind.Text || _utf8Broken || _utf8.Advance(data))
        {
            return true;
        }

        _utf8Broken = true;
        return !Breach(new(ProtocolRule.InvalidUtf8InText, $"invalid UTF-8 within the {_length} bytes {how} of this message"));
    }

    private void CompleteMessage()
    {
        // RFC 6455 8.1: a text message that ends inside a UTF-8 sequence is invalid.
        if (_kind == MessageKind.Text && !_utf8Broken && !_utf8.IsComplete && !_incomplete
            && Breach(new(ProtocolRule.IncompleteUtf8AtMessageEnd, "text message ends inside a UTF-8 sequence")))
        {
            return;
        }

        var payload = _sink.End();
        if (_sink is IMessageConsumer)
        {
            _inMessage = false;
            _messageConsumed = true;
            return;
        }

        _events.Enqueue(new MessageReceived(_kind, payload)
        {
            Compressed = _compressed,
            WireLength = _wireLength,
            Length = _length,
            Incomplete = _incomplete,
        });
        _inMessage = false;
    }

    private void AbandonMessage()
    {
        _sink.Abandon();
        if (_compressed && !_incomplete)
        {
            _inflate!.Lose();
        }

        _inMessage = false;
    }
}
