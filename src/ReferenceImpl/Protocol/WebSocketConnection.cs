using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>
/// One WebSocket connection after the opening handshake, sans-I/O: feed it received bytes with
/// <see cref="ReceiveData"/>, take events with <see cref="TryDequeueEvent"/>, send with the Send methods and write
/// <see cref="PendingOutput"/> to the transport. No socket, clock or task lives here.
/// </summary>
public sealed partial class WebSocketConnection
{
    private const int MaxCloseReasonBytes = 123;
    private const int GrowthStep = 1 << 20;
    private const int RetainedOutputCapacity = 1 << 20;

    private readonly ConnectionOptions _options;
    private readonly FrameRuleContext _rules;
    private readonly FrameDecoder _decoder = new();
    private readonly Queue<ConnectionEvent> _events = new();
    private ArrayBufferWriter<byte> _output = new(256);
    private readonly byte[] _control = new byte[125];
    private int _outputSent;

    // Incoming message being assembled (RFC 6455 5.4).
    private bool _inMessage;
    private MessageKind _messageKind;
    private byte[] _message = [];
    private int _messageLength;
    private Utf8Validator _utf8;
    private int _controlLength;

    // Outgoing fragmented message in progress.
    private bool _sendingFragmented;

    public WebSocketConnection(ConnectionOptions options)
    {
        _options = options;
        // RFC 7692 6: permessage-deflate gives RSV1 a meaning; RSV2 and RSV3 stay reserved.
        _rules = new FrameRuleContext(options.Role, RsvBitsOf(options), options.RequireMinimalLength, (ulong)options.EffectiveMaxFrameSize);
        _deflater = CreateDeflater(options);
        _inflater = CreateInflater(options);
    }

    public Role Role => _options.Role;

    public ConnectionState State { get; private set; } = ConnectionState.Open;

    /// <summary>The rule the peer broke, when the connection failed.</summary>
    public ProtocolViolation? Failure { get; private set; }

    /// <summary>True once a close frame from the peer was received.</summary>
    public bool CloseReceivedFromPeer { get; private set; }

    /// <summary>True once this endpoint sent a close frame.</summary>
    public bool CloseSent { get; private set; }

    /// <summary>
    /// Whether this endpoint should now close the transport: RFC 6455 7.1.1 has the server close TCP first once the
    /// close handshake is done (a client waits for that, with a timeout of its own); after a failure (7.1.7) either
    /// side closes at once.
    /// </summary>
    public bool ShouldCloseTransport => State == ConnectionState.Closed && (Role == Role.Server || Failure is not null);

    /// <summary>Bytes waiting to be written to the transport.</summary>
    public ReadOnlyMemory<byte> PendingOutput => _output.WrittenMemory[_outputSent..];

    /// <summary>Tells the connection that <paramref name="count"/> bytes of <see cref="PendingOutput"/> were written.</summary>
    public void AcknowledgeOutput(int count)
    {
        _outputSent += count;
        if (_outputSent == _output.WrittenCount)
        {
            // Give back the memory of a large echo rather than keep it for the connection's life.
            if (_output.Capacity > RetainedOutputCapacity)
            {
                _output = new ArrayBufferWriter<byte>(256);
            }
            else
            {
                _output.ResetWrittenCount();
            }

            _outputSent = 0;
        }
    }

    public bool TryDequeueEvent(out ConnectionEvent? connectionEvent) => _events.TryDequeue(out connectionEvent);

    /// <summary>
    /// Processes bytes from the peer up to the end of the first frame that produces an event, and returns how many
    /// bytes it used. Handle the events, then call again with the rest: that way a reply (an echo, say) is written
    /// before the core reacts to the next frame (its pong, close reply or failure), in the order of the wire.
    /// Bytes after a close frame or a failure are consumed and ignored (RFC 6455 5.5.1, 7.1.7).
    /// </summary>
    public int ReceiveData(ReadOnlySpan<byte> data)
    {
        var used = 0;
        var eventsBefore = _events.Count;
        while (!CloseReceivedFromPeer && Failure is null && _events.Count == eventsBefore)
        {
            var status = _decoder.Decode(data[used..], out var consumed);
            var chunk = data.Slice(used, consumed);
            used += consumed;
            switch (status)
            {
                case DecodeStatus.NeedMoreData:
                    return used;
                case DecodeStatus.HeaderReady:
                    OnHeader(_decoder.Header);
                    break;
                case DecodeStatus.Payload:
                    OnPayload(chunk);
                    break;
                case DecodeStatus.FrameComplete:
                    OnFrameComplete(_decoder.Header);
                    break;
            }
        }

        return CloseReceivedFromPeer || Failure is not null ? data.Length : used;
    }

    /// <summary>Feeds all of <paramref name="data"/>, for callers that need not answer between frames; events queue up in order.</summary>
    public void ReceiveAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[ReceiveData(data)..];
        }
    }

    /// <summary>The transport ended. Before a completed close handshake that is an abnormal closure (1006, never sent).</summary>
    public void ReceiveEof()
    {
        if (State != ConnectionState.Closed)
        {
            SetClosed();
            _events.Enqueue(new TransportClosedAbnormally());
        }
    }

    public void SendText(string text) => SendMessage(MessageKind.Text, Encoding.UTF8.GetBytes(text));

    public void SendBinary(ReadOnlySpan<byte> payload) => SendMessage(MessageKind.Binary, payload);

    /// <summary>Sends a whole message in one frame, compressed when permessage-deflate was negotiated.</summary>
    public void SendMessage(MessageKind kind, ReadOnlySpan<byte> payload) => SendMessage(kind, payload, compress: true);

    /// <summary>
    /// Sends a whole message in one frame. With <paramref name="compress"/> and permessage-deflate negotiated it is
    /// compressed, RSV1 set (RFC 7692 6.1); otherwise it goes as is, which RFC 7692 6 allows at any time.
    /// </summary>
    public void SendMessage(MessageKind kind, ReadOnlySpan<byte> payload, bool compress)
    {
        EnsureCanSendData();
        if (_sendingFragmented)
        {
            throw new InvalidOperationException("a fragmented message is in progress; finish it with SendFragment(..., endOfMessage: true)");
        }

        var compressed = compress && _deflater is not null;
        WriteFrame(kind == MessageKind.Text ? Opcode.Text : Opcode.Binary, OutgoingPayload(payload, compressed, endOfMessage: true), fin: true, rsv1: compressed);
    }

    /// <summary>Sends one fragment; the first uses the message's opcode, the rest are continuations (RFC 6455 5.4).</summary>
    public void SendFragment(MessageKind kind, ReadOnlySpan<byte> payload, bool endOfMessage) => SendFragment(kind, payload, endOfMessage, compress: true);

    /// <summary>
    /// Sends one fragment. The first fragment decides, by <paramref name="compress"/>, whether the message is
    /// compressed (when permessage-deflate was negotiated); only that first frame carries RSV1 (RFC 7692 6).
    /// </summary>
    public void SendFragment(MessageKind kind, ReadOnlySpan<byte> payload, bool endOfMessage, bool compress)
    {
        EnsureCanSendData();
        var first = !_sendingFragmented;
        if (first)
        {
            _sendingCompressed = compress && _deflater is not null;
        }

        var opcode = first ? kind == MessageKind.Text ? Opcode.Text : Opcode.Binary : Opcode.Continuation;
        WriteFrame(opcode, OutgoingPayload(payload, _sendingCompressed, endOfMessage), endOfMessage, rsv1: first && _sendingCompressed);
        _sendingFragmented = !endOfMessage;
    }

    public void SendPing(ReadOnlySpan<byte> payload) => SendControl(Opcode.Ping, payload);

    public void SendPong(ReadOnlySpan<byte> payload) => SendControl(Opcode.Pong, payload);

    /// <summary>Starts (or answers) the close handshake with a status code and reason (RFC 6455 5.5.1, 7.4).</summary>
    public void SendClose(ushort code, string reason = "")
    {
        // RFC 6455 7.4.1: 1005, 1006 and 1015 are never sent; 7.4.2: only registered or 3000-4999 codes.
        if (!CloseCode.IsValidOnWire(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "this close code may not be sent (RFC 6455 7.4)");
        }

        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        // RFC 6455 5.5: control payload <= 125 bytes, so the reason is at most 123.
        if (reasonBytes.Length > MaxCloseReasonBytes)
        {
            throw new ArgumentException($"close reason is {reasonBytes.Length} bytes; at most {MaxCloseReasonBytes} fit", nameof(reason));
        }

        Span<byte> payload = stackalloc byte[2 + reasonBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        reasonBytes.CopyTo(payload[2..]);
        WriteClose(payload);
    }

    /// <summary>Sends a close frame without a status code (RFC 6455 5.5.1 allows an empty body).</summary>
    public void SendCloseWithoutCode() => WriteClose([]);

    private void EnsureCanSendData()
    {
        // RFC 6455 5.5.1: after sending a close frame, an endpoint MUST NOT send any more data frames.
        if (CloseSent || State == ConnectionState.Closed)
        {
            throw new InvalidOperationException($"cannot send data in state {State}: a close frame was sent or the connection is closed");
        }
    }

    private void SendControl(Opcode opcode, ReadOnlySpan<byte> payload)
    {
        // RFC 6455 5.5: control frames carry at most 125 bytes.
        if (payload.Length > 125)
        {
            throw new ArgumentException($"{opcode} payload is {payload.Length} bytes; control frames carry at most 125", nameof(payload));
        }

        if (CloseSent || State == ConnectionState.Closed)
        {
            throw new InvalidOperationException($"cannot send {opcode} after the close frame");
        }

        WriteFrame(opcode, payload, fin: true);
    }

    private void WriteClose(ReadOnlySpan<byte> payload)
    {
        if (CloseSent || State == ConnectionState.Closed)
        {
            throw new InvalidOperationException($"cannot send a close frame in state {State}: one was sent already or the connection is closed");
        }

        WriteFrame(Opcode.Close, payload, fin: true);
        CloseSent = true;
        if (CloseReceivedFromPeer)
        {
            SetClosed();
        }
        else
        {
            State = ConnectionState.CloseSent;
        }
    }

    private void WriteFrame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin, bool rsv1 = false)
    {
        // RFC 6455 5.3: a client masks every frame with a fresh key; RFC 6455 5.1: a server never masks.
        var masked = Role == Role.Client;
        var header = new FrameHeader
        {
            Fin = fin,
            Rsv1 = rsv1,
            Opcode = opcode,
            Masked = masked,
            MaskKey = masked ? _options.MaskKeySource() : 0,
            PayloadLength = (ulong)payload.Length,
        };
        FrameWriter.Write(header, payload, _output);
    }

    private void OnHeader(in FrameHeader header)
    {
        if ((FrameRules.Check(header, _rules) ?? CheckCompressedBit(header)) is { } violation)
        {
            Fail(violation);
            return;
        }

        if (header.Opcode.IsControl())
        {
            _controlLength = 0;
            return;
        }

        if (header.Opcode == Opcode.Continuation)
        {
            // RFC 6455 5.4: a continuation frame only continues a message that was started.
            if (!_inMessage)
            {
                Fail(new(ProtocolRule.ContinuationWithoutMessage, "continuation frame with no message in progress"));
                return;
            }
        }
        else if (_inMessage)
        {
            // RFC 6455 5.4: the fragments of one message are not interleaved with another message.
            Fail(new(ProtocolRule.DataFrameInsideFragmentedMessage, $"{header.Opcode} frame while a fragmented message is in progress"));
            return;
        }
        else
        {
            _inMessage = true;
            _messageKind = header.Opcode == Opcode.Text ? MessageKind.Text : MessageKind.Binary;
            _message = [];
            _messageLength = 0;
            _utf8 = default;
            BeginMessageCompression(header);
        }

        // RFC 6455 7.4.1 (1009): refuse a message too big to process as soon as its size is known (for a compressed
        // message, the bytes on the wire; its inflated size is bounded as it is inflated).
        var sizeSoFar = _inflating ? (ulong)_wireLength : (ulong)_messageLength;
        if (sizeSoFar + header.PayloadLength > (ulong)_options.MaxMessageSize)
        {
            Fail(new(ProtocolRule.MessageTooLarge, $"{sizeSoFar + header.PayloadLength} bytes{(_inflating ? " compressed" : string.Empty)}, limit {_options.MaxMessageSize}"));
        }
    }

    private void OnPayload(ReadOnlySpan<byte> chunk)
    {
        var header = _decoder.Header;
        if (header.Opcode.IsControl())
        {
            var target = _control.AsSpan(_controlLength, chunk.Length);
            chunk.CopyTo(target);
            _decoder.Unmask(target);
            _controlLength += chunk.Length;
            return;
        }

        if (_inflating)
        {
            OnCompressedPayload(chunk);
            return;
        }

        EnsureMessageCapacity(_messageLength + chunk.Length);
        var data = _message.AsSpan(_messageLength, chunk.Length);
        chunk.CopyTo(data);
        _decoder.Unmask(data);
        _messageLength += chunk.Length;

        // RFC 6455 8.1: fail fast, at the first byte where the text can no longer be valid UTF-8.
        if (_messageKind == MessageKind.Text && !_utf8.Advance(data))
        {
            Fail(new(ProtocolRule.InvalidUtf8InText, $"invalid UTF-8 within the {_messageLength} bytes received of this message"));
        }
    }

    private void OnFrameComplete(in FrameHeader header)
    {
        switch (header.Opcode)
        {
            case Opcode.Ping:
                var ping = _control.AsSpan(0, _controlLength);
                _events.Enqueue(new PingReceived(ping.ToArray()));
                // RFC 6455 5.5.2/5.5.3: answer with a pong carrying the same payload, unless closing.
                if (_options.AutoPong && !CloseSent)
                {
                    WriteFrame(Opcode.Pong, ping, fin: true);
                }

                break;
            case Opcode.Pong:
                // RFC 6455 5.5.3: an unsolicited pong is allowed and needs no answer.
                _events.Enqueue(new PongReceived(_control.AsSpan(0, _controlLength).ToArray()));
                break;
            case Opcode.Close:
                OnClose(_control.AsSpan(0, _controlLength));
                break;
            default:
                if (header.Fin && _inflating)
                {
                    FinishCompressedMessage();
                }

                if (header.Fin && Failure is null)
                {
                    CompleteMessage();
                }

                break;
        }
    }

    private void CompleteMessage()
    {
        // RFC 6455 8.1: a text message that ends inside a UTF-8 sequence is invalid.
        if (_messageKind == MessageKind.Text && !_utf8.IsComplete)
        {
            Fail(new(ProtocolRule.IncompleteUtf8AtMessageEnd, "text message ends inside a UTF-8 sequence"));
            return;
        }

        var payload = _message.Length == _messageLength ? _message : _message.AsSpan(0, _messageLength).ToArray();
        _events.Enqueue(new MessageReceived(_messageKind, payload) { Compressed = _inflating, WireLength = _inflating ? _wireLength : _messageLength });
        _inflating = false;
        _inMessage = false;
        _message = [];
        _messageLength = 0;
    }

    private void OnClose(ReadOnlySpan<byte> payload)
    {
        ushort? code = null;
        var reason = string.Empty;
        // RFC 6455 5.5.1: a close body, if any, starts with a 2-byte code.
        if (payload.Length == 1)
        {
            Fail(new(ProtocolRule.CloseFrameWithOneBytePayload, "close frame with a 1-byte payload"));
            return;
        }

        if (payload.Length >= 2)
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(payload);
            // RFC 6455 7.4.1/7.4.2 and the IANA registry: only codes allowed on the wire.
            if (!CloseCode.IsValidOnWire(value))
            {
                Fail(new(ProtocolRule.InvalidCloseCode, $"close code {value}"));
                return;
            }

            // RFC 6455 5.5.1: the reason is UTF-8.
            var reasonBytes = payload[2..];
            if (!Utf8Validator.IsWellFormed(reasonBytes))
            {
                Fail(new(ProtocolRule.InvalidUtf8InCloseReason, $"close reason {Convert.ToHexString(reasonBytes)}"));
                return;
            }

            code = value;
            reason = Encoding.UTF8.GetString(reasonBytes);
        }

        CloseReceivedFromPeer = true;
        _events.Enqueue(new CloseReceived(code, reason));
        if (!CloseSent)
        {
            // RFC 6455 5.5.1: answer a close with a close, echoing the status code received (none if none).
            if (code is { } echo)
            {
                Span<byte> body = stackalloc byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(body, echo);
                WriteClose(body);
            }
            else
            {
                WriteClose([]);
            }
        }

        SetClosed();
    }

    private void Fail(ProtocolViolation violation)
    {
        Failure = violation;
        _events.Enqueue(new ConnectionFailed(violation));
        // RFC 6455 7.1.7: fail the connection: send a close frame with the rule's code if none was sent, then close.
        if (!CloseSent)
        {
            var reason = Truncate($"{violation.Section}: {violation.Rule}", MaxCloseReasonBytes);
            SendClose(violation.CloseCode, reason);
        }

        SetClosed();
    }

    private void SetClosed()
    {
        State = ConnectionState.Closed;
        // Nothing is compressed or inflated any more: give zlib's memory back now.
        ReleaseCompression();
    }

    private void EnsureMessageCapacity(int needed)
    {
        if (needed <= _message.Length)
        {
            return;
        }

        // Grow as bytes arrive, never by the announced length alone, so a lying header costs little memory: double up to
        // 1 MiB; past that, the peer having sent that much, take the rest of the announced frame or double, whichever is
        // more (doubling keeps a message of many small fragments linear).
        var announcedEnd = Math.Min((long)_messageLength + (long)Math.Min(_decoder.PayloadRemaining + (ulong)(needed - _messageLength), (ulong)Array.MaxLength), _options.MaxMessageSize);
        var doubled = Math.Max(_message.Length * 2L, 4096);
        long size = needed <= GrowthStep ? Math.Min(doubled, GrowthStep) : Math.Max(announcedEnd, Math.Min(doubled, _options.MaxMessageSize));
        Array.Resize(ref _message, (int)Math.Clamp(size, needed, Array.MaxLength));
    }

    private static string Truncate(string text, int maxBytes)
    {
        // Reasons here are ASCII, so a char is a byte.
        return text.Length <= maxBytes ? text : text[..maxBytes];
    }
}
