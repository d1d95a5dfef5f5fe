using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running;

/// <summary>The reader: records every frame the peer sends, answers pings, and reacts to close frames and violations.</summary>
internal sealed partial class CaseSession
{
    private readonly PeerFrameReader _frames = new();
    private bool _violated;
    private EchoTarget? _pendingEcho;

    private async Task ReadLoopAsync()
    {
        var received = new List<ReceivedFrame>();
        var buffer = new byte[64 * 1024];
        var ending = TcpEventKind.PeerEof;
        string? detail = null;
        try
        {
            Process(_initialBytes, received);
            while (true)
            {
                var read = await _connection.Stream.ReadAsync(buffer, _hardCap);
                if (read == 0)
                {
                    break;
                }

                Process(buffer.AsSpan(0, read), received);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            ending = TcpEventKind.PeerReset;
            detail = exception.InnerException?.Message ?? exception.Message;
        }

        if (_frames.HasPartialFrame)
        {
            _wire.Add(new RawEntry(WireDirection.Received, _frames.PartialFrameBytes(), "an unfinished frame when the stream ended"));
        }

        OnTcpEnded(ending, detail);
    }

    private void Process(ReadOnlySpan<byte> data, List<ReceivedFrame> received)
    {
        received.Clear();
        _frames.Feed(data, received);
        foreach (var frame in received)
        {
            var entry = _wire.Add(new FrameEntry(WireDirection.Received, frame.Header, frame.HeaderBytes, frame.Payload, frame.PayloadTruncated));
            OnFrame(entry);
        }
    }

    private void OnFrame(FrameEntry frame)
    {
        var violation = _checks.Inspect(frame);
        var inflated = _checks.LastInflated;
        if (inflated is { Output.Length: > 0 })
        {
            // The wire log shows what a compressed frame inflated to beside its bytes (RFC 7692 7.2.2).
            _wire.Annotate(frame.Index, entry => ((FrameEntry)entry) with { Inflated = inflated.Output });
        }

        if (violation is not null)
        {
            lock (_state)
            {
                _liveViolations.Add(violation);
            }
        }

        if (frame.Opcode == Opcode.Close)
        {
            OnPeerClose(frame, violation is null);
        }

        if (violation is not null && !_violated)
        {
            // A full stack fails the connection at the peer's first breach (RFC 6455 7.1.7), as Autobahn's fuzzer does.
            _violated = true;
            _wire.Add(new NoteEntry($"the peer broke {violation.Section} at frame #{frame.Index}: failing the connection with {violation.CloseCode}"));
            SendClose(violation.CloseCode, "", CloseKind.Violation);
            return;
        }

        if (_violated)
        {
            return;
        }

        switch (frame.Opcode)
        {
            case Opcode.Ping:
                AddEvent(new ObservedPing(frame.Payload, frame.Index));
                SendPong(frame.Payload);
                break;
            case Opcode.Pong:
                AddEvent(new ObservedPong(frame.Payload, frame.Index));
                break;
            case Opcode.Text or Opcode.Binary or Opcode.Continuation:
                var message = inflated is null ? _assembler.Add(frame) : _assembler.Add(frame, inflated.Output, inflated.Truncated || frame.PayloadTruncated);
                if (message is not null)
                {
                    AddEvent(inflated is null ? message : message with { Compressed = true });
                }


                break;
        }
    }

    private void AddEvent(ObservedEvent observed)
    {
        bool allArrived;
        lock (_state)
        {
            if (observed is ObservedMessage message && _pendingEcho is { } echo)
            {
                // The answer to the round trip in flight: judged against what was sent (Autobahn 12/13).
                observed = message with { EchoOf = echo };
                _pendingEcho = null;
            }

            _events.Add(observed);
            if (observed is ObservedMessage)
            {
                _messageArrived.Release();
            }

            allArrived = _case.Close.By == Closer.Harness && _case.Outcomes.Count > 0
                && _case.Outcomes.All(outcome => EventMatcher.Matches(outcome.Value, _events));
        }

        // Autobahn's early close: once the events equal every expected outcome, the harness closes with codes[0].
        if (allArrived)
        {
            _wire.Add(new NoteEntry("every expected event arrived: closing"));
            SendClose(_case.Close.Codes.Count > 0 ? _case.Close.Codes[0] : (ushort)1000, "", CloseKind.Normal);
        }
    }

    private void OnPeerClose(FrameEntry frame, bool valid)
    {
        bool reply;
        ushort? code = null;
        lock (_state)
        {
            if (_peerSentClose)
            {
                return;
            }

            _peerSentClose = true;
            _peerCloseIndex = frame.Index;
            if (frame.Payload.Length >= 2)
            {
                code = BinaryPrimitives.ReadUInt16BigEndian(frame.Payload);
                _peerCloseCode = code;
                _peerCloseReason = Encoding.UTF8.GetString(frame.Payload.AsSpan(2));
            }

            if (valid)
            {
                _closedBy ??= Closer.Peer;
            }

            reply = !_harnessSentClose && valid;
        }

        _peerClosed.TrySetResult();
        if (reply)
        {
            // RFC 6455 5.5.1: answer the peer's close, echoing its status code; then the server closes TCP (7.1.1).
            _stopSteps.Cancel();
            SendClose(code, "", CloseKind.Reply);
        }
        else if (valid)
        {
            _ = WatchServerDropAsync();
        }
    }

    private void OnTcpEnded(TcpEventKind kind, string? detail)
    {
        lock (_state)
        {
            if (!_dropped)
            {
                _serverClosedTcp = true;
                _peerReset = kind == TcpEventKind.PeerReset;
                _closedBy ??= Closer.Peer;
                _wire.Add(new TcpEntry(kind, detail));
            }
        }

        _tcpEnded.TrySetResult();
    }
}
