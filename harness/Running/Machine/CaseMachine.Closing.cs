using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// The closing (RFC 6455 7.1): close frames both ways, the case's deadline, the close handshake timeout (the peer must
/// answer a close: 5.5.1), the server's TCP close after the handshake (7.1.1), and the drop when one does not come.
/// </summary>
public sealed partial class CaseMachine
{
    private TimeSpan _caseDeadline;
    private TimeSpan? _closeReplyDeadline;
    private TimeSpan? _tcpCloseDeadline;
    private HarnessClose? _harnessClose;
    private PeerClose? _peerClose;
    private bool _harnessCloseWritten;
    private Closer? _closedBy;
    private bool _timedOut;
    private bool _dropped;
    private bool _serverClosedTcp;
    private bool _closedTcpAsServer;
    private bool _peerReset;
    private bool _serverDropTimeout;
    private bool _closeHandshakeTimeout;
    private string? _notClean;

    private void CheckDeadlines()
    {
        if (_pauseUntil is { } pause && _now >= pause)
        {
            PauseEnded();
        }

        if (Phase == ClosePhase.Open && !_timedOut && _now >= _caseDeadline)
        {
            OnCaseDeadline();
        }

        if (_closeReplyDeadline is { } reply && _now >= reply && _peerClose is null)
        {
            _closeReplyDeadline = null;
            _closeHandshakeTimeout = true;
            _notClean ??= $"the peer did not answer the harness's close within {_settings.CloseHandshakeTimeout.TotalMilliseconds:0} ms";
            Drop("close handshake timeout");
        }

        if (_tcpCloseDeadline is { } tcp && _now >= tcp)
        {
            _tcpCloseDeadline = null;
            _serverDropTimeout = true;
            _notClean ??= $"the server did not close TCP within {_settings.ServerDropTimeout.TotalMilliseconds:0} ms of the closing handshake";
            Drop("server drop timeout");
        }
    }

    private void OnCaseDeadline()
    {
        _timedOut = true;
        StopSteps();
        if (_case.OnTimeout == TimeoutAction.Fail)
        {
            Note($"the {_case.Timeout.TotalMilliseconds:0} ms deadline passed: failing the connection with 1001");
            SendClose(CloseCode.GoingAway, HarnessCloseKind.DeadlineFail, "Going Away");
        }
        else
        {
            Note($"the {_case.Timeout.TotalMilliseconds:0} ms deadline passed: closing without a code");
            SendClose(null, HarnessCloseKind.DeadlineClose);
        }
    }

    /// <summary>Queues the harness's close frame (once); it goes out after what is already queued.</summary>
    private void SendClose(ushort? code, HarnessCloseKind kind, string reason = "")
    {
        if (_harnessClose is not null || _dropped || IsFinished || _writesBroken)
        {
            return;
        }

        _harnessClose = new HarnessClose(code, kind);
        if (kind != HarnessCloseKind.Reply)
        {
            _closedBy ??= Closer.Harness;
            Phase = Phase == ClosePhase.Open ? ClosePhase.HarnessClosing : Phase;

            // RFC 6455 5.5.1: the peer must answer; if the close cannot even be written in that time, the peer stopped reading.
            _closeReplyDeadline = _now + _settings.CloseHandshakeTimeout;
        }

        DropQueuedPongs();
        var frame = Own(FrameBytes.Close(code, reason));
        Enqueue(FrameGroup([new OutgoingFrame(frame, null)], null, log: true, HarnessCloseWritten));
    }

    /// <summary>
    /// A close frame a step writes itself, as its bytes go out: the first one starts the harness's close handshake, unless
    /// it breaks a framing rule (RSV bits, FIN clear), which makes it a protocol error for the peer to fail on, not a close
    /// (Autobahn 3.7). It counts from the moment it goes, so a fast answer cannot seem to come first.
    /// </summary>
    private void OnStepWritesClose(FrameSpec frame)
    {
        if (_harnessClose is not null || frame.Rsv != 0 || !frame.Fin)
        {
            return;
        }

        ushort? code = frame.Payload.Length >= 2 ? (ushort)((frame.Payload[0] << 8) | frame.Payload[1]) : null;
        var kind = _peerClose is null ? HarnessCloseKind.Normal : HarnessCloseKind.Reply;
        _harnessClose = new HarnessClose(code, kind) { FromStep = frame };
        if (kind == HarnessCloseKind.Normal)
        {
            _closedBy ??= Closer.Harness;
            Phase = Phase == ClosePhase.Open ? ClosePhase.HarnessClosing : Phase;
            _closeReplyDeadline = _now + _settings.CloseHandshakeTimeout;
        }
    }

    /// <summary>The step's close frame is on the wire.</summary>
    private void StepCloseWritten(FrameSpec frame)
    {
        if (ReferenceEquals(_harnessClose?.FromStep, frame))
        {
            HarnessCloseWritten();
        }
    }

    private void HarnessCloseWritten()
    {
        _harnessCloseWritten = true;
        if (_peerClose is not null)
        {
            BothClosed();
        }
    }

    private void OnPeerClose(CloseReceived close)
    {
        if (_peerClose is not null)
        {
            Note("a second close frame from the peer, ignored");
            return;
        }

        var valid = !_breachedFrames.Contains(_receiver.FramesBegun - 1);
        _peerClose = new PeerClose(close.Code, close.Reason, _lastFrameWireIndex);
        _closeReplyDeadline = null;
        if (_harnessClose is null)
        {
            if (valid)
            {
                _closedBy ??= Closer.Peer;
            }

            // RFC 6455 5.5.1: answer the peer's close, echoing its status code; then the server closes TCP (7.1.1).
            Phase = ClosePhase.PeerClosing;
            StopSteps();
            SendClose(close.Code, HarnessCloseKind.Reply);
            return;
        }

        if (_harnessCloseWritten)
        {
            BothClosed();
        }
        else
        {
            Phase = ClosePhase.PeerClosing;
        }
    }

    /// <summary>Both close frames went. RFC 6455 7.1.1: the server closes TCP first; Autobahn waits 1 s, then drops.</summary>
    private void BothClosed()
    {
        if (Phase is ClosePhase.BothClosed or ClosePhase.Ended)
        {
            return;
        }

        Phase = ClosePhase.BothClosed;
        _closeReplyDeadline = null;
        if (_settings.HarnessRole == Role.Server)
        {
            // RFC 6455 7.1.1: the server (the harness, here) closes the TCP connection once the handshake is done.
            _wire.Add(new TcpEntry(TcpEventKind.Dropped, "the closing handshake is done: the server closes TCP"), _now);
            _closedTcpAsServer = true;
            _actions.Enqueue(new DropAction("closing handshake done"));
            End();
            return;
        }

        _tcpCloseDeadline = _now + _settings.ServerDropTimeout;
    }

    private void SendPong(byte[] payload)
    {
        if (_harnessClose is not null || _dropped || IsFinished || _writesBroken)
        {
            return;
        }

        // RFC 6455 5.5.3: a pong not yet begun may be replaced by one for the most recent ping.
        DropQueuedPongs();
        var pong = Own(new FrameSpec { Opcode = (byte)Opcode.Pong, Payload = payload });
        var group = FrameGroup([new OutgoingFrame(pong, null)], null, log: true);
        Enqueue(new OutgoingGroup(group.Chunks, null) { Starting = group.Starting, IsPong = true });
    }

    /// <summary>A frame the harness makes itself (a close, a pong), masked as its role requires (RFC 6455 5.1).</summary>
    private FrameSpec Own(FrameSpec frame) => _settings.HarnessRole == Role.Server ? RoleAdaptation.Unmasked(frame) : frame;

    private void DropQueuedPongs()
    {
        for (var node = _writeQueue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.IsPong)
            {
                _writeQueue.Remove(node);
            }

            node = next;
        }
    }

    private void StartShutdown(bool reset)
    {
        _closedBy ??= Closer.Harness;
        MachineAction action = reset ? new ResetAction() : new ShutdownSendAction();
        var group = new OutgoingGroup([new OutgoingChunk([], TimeSpan.Zero, action)], () =>
        {
            _stepBusy = false;
            if (reset)
            {
                _dropped = true;
                End();
            }
        })
        {
            Starting = () => _wire.Add(new TcpEntry(reset ? TcpEventKind.SentReset : TcpEventKind.SentFin), _now),
        };
        Busy(group);
    }

    /// <summary>Closes the socket: the harness ended TCP itself (Autobahn's droppedByMe).</summary>
    private void Drop(string why)
    {
        if (_dropped || IsFinished)
        {
            return;
        }

        _dropped = true;
        _closedBy ??= Closer.Harness;
        _wire.Add(new TcpEntry(TcpEventKind.Dropped, why), _now);
        _actions.Enqueue(new DropAction(why));
        End();
    }

    private void End()
    {
        StopSteps();
        Phase = ClosePhase.Ended;
        _pauseUntil = null;
        _closeReplyDeadline = null;
        _tcpCloseDeadline = null;
        _writeQueue.Clear();
    }

    private string NotCleanBecause() =>
        (_harnessClose is not null, _peerClose is not null) switch
        {
            (false, false) when _serverClosedTcp => "the peer dropped the TCP connection without a closing handshake",
            (false, false) => "the harness dropped the TCP connection without a closing handshake",
            (true, false) => "the peer never answered the harness's close frame",
            (false, true) => "the harness never answered the peer's close frame",
            _ => "the harness dropped the TCP connection after the closing handshake",
        };

    /// <summary>The harness's close frame: its code and why it was sent.</summary>
    private sealed record HarnessClose(ushort? Code, HarnessCloseKind Kind)
    {
        /// <summary>The step's close frame, when a step wrote it.</summary>
        public FrameSpec? FromStep { get; init; }
    }

    /// <summary>The peer's (first) close frame and the wire log entry that carried it.</summary>
    private sealed record PeerClose(ushort? Code, string Reason, int WireIndex);
}
