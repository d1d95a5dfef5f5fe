using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>
/// One WebSocket connection after the opening handshake, sans-I/O: feed it received bytes with
/// <see cref="ReceiveData"/>, take events with <see cref="TryDequeueEvent"/>, send with the Send methods and write
/// <see cref="PendingOutput"/> to the transport. No socket, clock or task lives here.
/// </summary>
public sealed partial class WebSocketConnection
{
    private const int MaxCloseReasonBytes = 123;
    private const int RetainedOutputCapacity = 1 << 20;

    private readonly ConnectionOptions _options;
    private readonly ReceivePipeline _receiver;
    private readonly Queue<ConnectionEvent> _events = new();
    private ArrayBufferWriter<byte> _output = new(256);
    private int _outputSent;

    // Outgoing fragmented message in progress.
    private bool _sendingFragmented;

    public WebSocketConnection(ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        // The one receive pipeline, failing the connection at the peer's first breach (RFC 6455 7.1.7).
        _receiver = new ReceivePipeline(new ReceiveOptions
        {
            Receiver = options.Role,
            Policy = ViolationPolicy.FailConnection,
            NegotiatedRsvBits = options.NegotiatedRsvBits,
            PerMessageDeflate = options.PerMessageDeflate,
            RequireMinimalLength = options.RequireMinimalLength,
            MaxFrameSize = options.EffectiveMaxFrameSize,
            MaxMessageSize = options.MaxMessageSize,
        }, options.MessageSink?.Invoke());
        _deflater = CreateDeflater(options);
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
        if (CloseReceivedFromPeer || Failure is not null)
        {
            return data.Length;
        }

        var used = _receiver.Receive(data);
        while (_receiver.TryDequeue(out var received))
        {
            OnReceived(received!);
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

    private void OnReceived(ConnectionEvent received)
    {
        switch (received)
        {
            case PingReceived ping:
                _events.Enqueue(ping);
                // RFC 6455 5.5.2/5.5.3: answer with a pong carrying the same payload, unless closing.
                if (_options.AutoPong && !CloseSent)
                {
                    WriteFrame(Opcode.Pong, ping.Payload, fin: true);
                }

                break;
            case CloseReceived close:
                OnClose(close);
                break;
            case ConnectionFailed failed:
                Fail(failed.Violation);
                break;
            default:
                _events.Enqueue(received);
                break;
        }
    }

    private void OnClose(CloseReceived close)
    {
        CloseReceivedFromPeer = true;
        _events.Enqueue(close);
        if (!CloseSent)
        {
            // RFC 6455 5.5.1: answer a close with a close, echoing the status code received (none if none).
            if (close.Code is { } echo)
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

    private static string Truncate(string text, int maxBytes)
    {
        // Reasons here are ASCII, so a char is a byte.
        return text.Length <= maxBytes ? text : text[..maxBytes];
    }
}
