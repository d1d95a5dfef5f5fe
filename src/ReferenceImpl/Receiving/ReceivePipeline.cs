using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// The one receive side of RFC 6455 and RFC 7692, sans-I/O: bytes in, events out. Frames are split and judged by the
/// per-frame rules, data frames assembled into messages (RFC 6455 5.4), compressed messages inflated (RFC 7692 7.2.2),
/// text validated as UTF-8 as it arrives (RFC 6455 8.1), control frames read (5.5). What happens at a breach is the
/// <see cref="ViolationPolicy"/>: the reference endpoint fails the connection, the harness's observer records it and reads
/// on. Both use this class, so no rule is written twice.
/// </summary>
public sealed partial class ReceivePipeline : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly ReceiveOptions _options;
    private readonly FrameRuleContext _rules;
    private readonly FrameDecoder _decoder = new();
    private readonly Queue<ConnectionEvent> _events = new();
    private readonly IMessageSink _sink;
    private readonly InflateStage? _inflate;
    private readonly KeptBytes? _framePayload;
    private readonly KeptBytes? _frameInflated;
    private readonly KeptBytes _control;

    // A message an IMessageConsumer took without an event: the step ends there all the same (wire order).
    private bool _messageConsumed;
    private long _frameIndex = -1;
    private PayloadUse _use;

    /// <param name="options">The agreement and the policy.</param>
    /// <param name="sink">Where message data goes; by default every byte is kept (bounded by the message limit).</param>
    public ReceivePipeline(ReceiveOptions options, IMessageSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var records = options.Records;
        // RFC 7692 6: permessage-deflate gives RSV1 a meaning; RSV2 and RSV3 stay reserved. An observer takes any size.
        _rules = new FrameRuleContext(options.Receiver, options.RsvBits, options.RequireMinimalLength,
            records ? ulong.MaxValue : (ulong)options.MaxFrameSize);
        _sink = sink ?? new AccumulatingMessageSink(options.MaxMessageSize);
        var sender = options.Receiver == Role.Server ? Role.Client : Role.Server;
        _inflate = options.PerMessageDeflate is { } agreed ? new InflateStage(agreed, sender, diagnose: records) : null;
        if (options.ReportFrames)
        {
            _framePayload = new KeptBytes(options.FramePayloadKept);
            _frameInflated = new KeptBytes(options.FramePayloadKept);
        }

        // RFC 6455 5.5: a control payload is at most 125 bytes; an observer keeps what it keeps of any frame.
        _control = new KeptBytes(records ? Math.Max(125, options.FramePayloadKept) : 125);
    }

    /// <summary>The rule the peer broke, once the connection failed (<see cref="ViolationPolicy.FailConnection"/> only).</summary>
    public ProtocolViolation? Failure { get; private set; }

    /// <summary>True once a close frame arrived from the peer.</summary>
    public bool CloseReceived { get; private set; }

    /// <summary>Frames begun so far (the next frame's <see cref="FrameReceived.Index"/>).</summary>
    public long FramesBegun => _frameIndex + 1;

    /// <summary>Whether more payload bytes of the current frame are kept for its <see cref="FrameReceived"/> (a bulk transfer may turn it off).</summary>
    public bool KeepFramePayload { get; set; } = true;

    /// <summary>
    /// Whether the pipeline takes no more input: after a failure, or (failing, not recording) after the peer's close
    /// frame (RFC 6455 5.5.1, 7.1.7). Bytes fed then are consumed and ignored.
    /// </summary>
    public bool Stopped => Failure is not null || (CloseReceived && !_options.Records);

    public bool TryDequeue(out ConnectionEvent? connectionEvent) => _events.TryDequeue(out connectionEvent);

    /// <summary>
    /// Processes bytes up to the first step that produces an event (the end of a frame, or a breach) and returns how many
    /// it used. Handle the events, then call again with the rest, so replies go out in the order of the wire.
    /// </summary>
    public int Receive(ReadOnlySpan<byte> data)
    {
        var used = 0;
        var eventsBefore = _events.Count;
        _messageConsumed = false;
        while (!Stopped && _events.Count == eventsBefore && !_messageConsumed)
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

        // A breach found in the last bytes of a frame's payload: finish that frame now, not with the next bytes.
        if (!Stopped && _decoder.InPayload && _decoder.PayloadRemaining == 0 && _decoder.Decode([], out _) == DecodeStatus.FrameComplete)
        {
            OnFrameComplete(_decoder.Header);
        }

        return Stopped ? data.Length : used;
    }

    /// <summary>
    /// The stream ended. Returns what had arrived of an unfinished frame (null when it ended between frames); a message in
    /// progress is abandoned.
    /// </summary>
    public PartialFrame? EndOfStream()
    {
        PartialFrame? partial = null;
        if (_decoder.InPayload && _decoder.PayloadRemaining > 0)
        {
            var header = _decoder.Header;
            var bytes = new byte[header.Size];
            FrameWriter.WriteHeader(header, bytes);
            partial = new PartialFrame(_frameIndex, [.. bytes, .. _framePayload?.Take() ?? []], header);
        }
        else if (!_decoder.PendingHeaderBytes.IsEmpty)
        {
            partial = new PartialFrame(_frameIndex + 1, _decoder.PendingHeaderBytes.ToArray(), null);
        }

        if (_inMessage)
        {
            AbandonMessage();
        }

        return partial;
    }

    public void Dispose() => _inflate?.Dispose();

    private void OnHeader(in FrameHeader header)
    {
        _frameIndex++;
        _use = PayloadUse.Ignore;
        if ((FrameRules.Check(header, _rules) ?? CheckCompressedBit(header)) is { } violation && Breach(violation))
        {
            return;
        }

        if (header.Opcode.IsReserved())
        {
            // RFC 6455 5.2: no meaning is known for it; an observer records the frame and skips its payload.
            return;
        }

        if (header.Opcode.IsControl())
        {
            _use = PayloadUse.Control;
            return;
        }

        OnDataHeader(header);
    }

    private void OnPayload(ReadOnlySpan<byte> masked)
    {
        // Unmasking scratch from the pool, per call: a connection holds none between reads (10,000 idle connections
        // would otherwise hold 64 KiB each).
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(masked.Length, ChunkSize));
        try
        {
            UnmaskAndRoute(masked, chunk);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void UnmaskAndRoute(ReadOnlySpan<byte> masked, byte[] chunk)
    {
        while (!masked.IsEmpty && !Stopped)
        {
            var piece = masked[..Math.Min(masked.Length, chunk.Length)];
            masked = masked[piece.Length..];
            var plain = chunk.AsSpan(0, piece.Length);
            piece.CopyTo(plain);
            _decoder.Unmask(plain);
            if (KeepFramePayload)
            {
                _framePayload?.Add(plain);
            }
            else
            {
                _framePayload?.Skip(plain.Length);
            }

            switch (_use)
            {
                case PayloadUse.Control:
                    _control.Add(plain);
                    break;
                case PayloadUse.Data:
                    OnData(plain);
                    break;
                case PayloadUse.CompressedData:
                    OnCompressedData(plain);
                    break;
            }
        }
    }

    private void OnFrameComplete(in FrameHeader header)
    {
        var endsMessage = header.Fin && _use is PayloadUse.Data or PayloadUse.CompressedData;
        if (endsMessage && _use == PayloadUse.CompressedData)
        {
            FinishInflating();
            if (Stopped)
            {
                return;
            }
        }

        if (_framePayload is not null)
        {
            var truncated = _framePayload.Truncated;
            var payload = _framePayload.Take();
            var inflatedLength = _frameInflated!.Count;
            var inflated = _use == PayloadUse.CompressedData ? _frameInflated.Take() : null;
            _frameInflated.Take();
            _events.Enqueue(new FrameReceived(_frameIndex, header, payload, truncated)
            {
                Inflated = inflated,
                InflatedLength = inflated is null ? 0 : inflatedLength,
            });
        }

        if (_use == PayloadUse.Control)
        {
            OnControlFrame(header.Opcode, _control.Take());
        }
        else if (endsMessage)
        {
            CompleteMessage();
        }
    }

    /// <summary>
    /// A breach: recorded (true only when the frame should be skipped as well), or the connection failed (true).
    /// </summary>
    private bool Breach(ProtocolViolation violation)
    {
        if (_options.Records)
        {
            _events.Enqueue(new ViolationRecorded(violation, _frameIndex));
            return false;
        }

        Failure = violation;
        if (_inMessage)
        {
            AbandonMessage();
        }

        _events.Enqueue(new ConnectionFailed(violation));
        return true;
    }

    /// <summary>What the payload of the current frame is for.</summary>
    private enum PayloadUse
    {
        Ignore,
        Control,
        Data,
        CompressedData,
    }
}
