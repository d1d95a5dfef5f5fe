using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running;

/// <summary>The closing side: close frames, the deadline, the close handshake timeout, the server drop timeout, the drop.</summary>
internal sealed partial class CaseSession
{
    private bool _harnessSentClose;
    private ushort? _harnessCloseCode;
    private bool _peerSentClose;
    private ushort? _peerCloseCode;
    private string? _peerCloseReason;
    private int? _peerCloseIndex;
    private Closer? _closedBy;
    private bool _failedByHarness;
    private bool _timedOut;
    private bool _dropped;
    private bool _serverClosedTcp;
    private bool _peerReset;
    private bool _serverDropTimeout;
    private bool _closeHandshakeTimeout;
    private string? _notClean;

    private bool IsOpen
    {
        get
        {
            lock (_state)
            {
                return !_peerSentClose && !_dropped && !_tcpEnded.Task.IsCompleted;
            }
        }
    }

    /// <summary>Queues the harness's close frame (once); it goes out after pending pongs.</summary>
    private void SendClose(ushort? code, string reason, CloseKind kind)
    {
        lock (_state)
        {
            if (_harnessSentClose || _dropped)
            {
                return;
            }

            MarkHarnessClose(code, kind);
        }

        var initiated = kind != CloseKind.Reply;
        _replies.Writer.TryWrite(new PendingWrite(FrameBytes.Close(code, reason), () => _ = initiated ? WatchCloseHandshakeAsync() : WatchServerDropAsync()));
    }

    // Caller holds _state.
    private void MarkHarnessClose(ushort? code, CloseKind kind)
    {
        _harnessSentClose = true;
        _harnessCloseCode = code;
        if (kind != CloseKind.Reply)
        {
            _closedBy ??= Closer.Harness;
        }

        _failedByHarness |= kind is CloseKind.Violation or CloseKind.DeadlineFail;
    }

    /// <summary>
    /// A close frame a step wrote itself: the first one starts the harness's close handshake, unless it breaks a framing
    /// rule (RSV bits, FIN clear), which makes it a protocol error for the peer to fail on, not a close (Autobahn 3.7).
    /// </summary>
    private void OnStepWroteClose(FrameSpec frame)
    {
        lock (_state)
        {
            if (_harnessSentClose || frame.Rsv != 0 || !frame.Fin)
            {
                return;
            }

            ushort? code = frame.Payload.Length >= 2 ? (ushort)((frame.Payload[0] << 8) | frame.Payload[1]) : null;
            MarkHarnessClose(code, _peerSentClose ? CloseKind.Reply : CloseKind.Normal);
        }

        _ = WatchCloseHandshakeAsync();
    }

    private void SendPong(byte[] payload)
    {
        lock (_state)
        {
            if (_harnessSentClose || _dropped)
            {
                return;
            }
        }

        // RFC 6455 5.5.3: a pong answers a ping with the same application data.
        _replies.Writer.TryWrite(new PendingWrite(new FrameSpec { Opcode = (byte)Opcode.Pong, Payload = payload }, null));
    }

    private async Task ReplyLoopAsync()
    {
        await foreach (var pending in _replies.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (await WriteFramesAsync([pending.Frame], null, _hardCap))
            {
                pending.Written?.Invoke();
            }
        }
    }

    private async Task DeadlineAsync()
    {
        try
        {
            // The steps' token: it ends with the session, and a deadline after the peer closed has nothing to do.
            await Task.Delay(_case.Timeout, _stopSteps.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_state)
        {
            if (_harnessSentClose || _peerSentClose || _dropped || _tcpEnded.Task.IsCompleted)
            {
                return;
            }

            _timedOut = true;
        }

        await _stopSteps.CancelAsync();
        if (_case.OnTimeout == TimeoutAction.Fail)
        {
            _wire.Add(new NoteEntry($"the {_case.Timeout.TotalMilliseconds:0} ms deadline passed: failing the connection with 1001"));
            SendClose(1001, "Going Away", CloseKind.DeadlineFail);
        }
        else
        {
            _wire.Add(new NoteEntry($"the {_case.Timeout.TotalMilliseconds:0} ms deadline passed: closing without a code"));
            SendClose(null, "", CloseKind.DeadlineClose);
        }
    }

    private async Task WatchCloseHandshakeAsync()
    {
        if (!await CompletesWithinAsync(_peerClosed.Task, _options.CloseHandshakeTimeout))
        {
            lock (_state)
            {
                _closeHandshakeTimeout = true;
                _notClean ??= $"the peer did not answer the harness's close within {_options.CloseHandshakeTimeout.TotalMilliseconds:0} ms";
            }

            Drop("close handshake timeout");
            return;
        }

        await WatchServerDropAsync();
    }

    /// <summary>RFC 6455 7.1.1: after the close handshake the server closes TCP first; Autobahn waits 1 s, then drops.</summary>
    private async Task WatchServerDropAsync()
    {
        if (!await CompletesWithinAsync(_tcpEnded.Task, _options.ServerDropTimeout))
        {
            lock (_state)
            {
                _serverDropTimeout = true;
                _notClean ??= $"the server did not close TCP within {_options.ServerDropTimeout.TotalMilliseconds:0} ms of the closing handshake";
            }

            Drop("server drop timeout");
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, _hardCap);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Closes our socket: the harness ended TCP itself (Autobahn's droppedByMe).</summary>
    private void Drop(string why)
    {
        lock (_state)
        {
            if (_dropped || _tcpEnded.Task.IsCompleted)
            {
                return;
            }

            _dropped = true;
            _closedBy ??= Closer.Harness;
            _wire.Add(new TcpEntry(TcpEventKind.Dropped, why));
        }

        _stopSteps.Cancel();
        _connection.Socket.Dispose();
        _tcpEnded.TrySetResult();
    }
}
