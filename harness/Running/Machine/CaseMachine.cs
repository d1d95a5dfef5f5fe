using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// One case after the opening handshake, sans-I/O: the steps write exactly what the case says, the peer's bytes go through
/// the core's <see cref="ReceivePipeline"/> (record policy), pings are answered, and the closing runs as one explicit
/// <see cref="ClosePhase"/> with its deadlines. Time is an input (every method takes <c>now</c>, the time since the case
/// started); output is <see cref="MachineAction"/>s for a driver to carry out. It does not know which side of the TCP
/// connection it is on beyond <see cref="MachineSettings.HarnessRole"/>, so the same case runs against a server or a client.
/// </summary>
public sealed partial class CaseMachine : IDisposable
{
    private readonly CaseDefinition _case;
    private readonly MachineSettings _settings;
    private readonly WireLog _wire;
    private readonly ReceivePipeline _receiver;
    private readonly ObservedMessageSink _sink;
    private readonly ExpectationTracker _expectations;
    private readonly OutgoingFrames _outgoing;
    private readonly Queue<MachineAction> _actions = new();
    private readonly List<ObservedEvent> _events = [];
    private readonly List<string> _errors = [];
    private readonly MaskKeyAudit? _maskKeys;
    private TimeSpan _now;
    private bool _started;

    public CaseMachine(CaseDefinition definition, MachineSettings settings, WireLog wire)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(wire);
        _case = definition;
        _settings = settings;
        _wire = wire;
        _sink = new ObservedMessageSink();
        _receiver = new ReceivePipeline(
            new ReceiveOptions
            {
                Receiver = settings.HarnessRole,
                Policy = ViolationPolicy.RecordAndContinue,
                NegotiatedRsvBits = settings.NegotiatedRsvBits,
                PerMessageDeflate = settings.Deflate,
                ReportFrames = true,
                FramePayloadKept = settings.FramePayloadKept,
            },
            _sink);
        _expectations = new ExpectationTracker(definition);
        _outgoing = new OutgoingFrames(settings.Deflate, settings.HarnessRole, settings.DeflateLevel);
        _step = settings.FirstStep;

        // RFC 6455 5.3: what a client sends is masked with fresh keys; the harness as the server checks them.
        _maskKeys = settings.HarnessRole == Role.Server ? new MaskKeyAudit() : null;
    }

    /// <summary>Nothing more will happen: the transport is gone.</summary>
    public bool IsFinished => Phase == ClosePhase.Ended;

    /// <summary>Where the closing stands.</summary>
    public ClosePhase Phase { get; private set; } = ClosePhase.Open;

    /// <summary>The events so far (Autobahn's <c>received</c>).</summary>
    public IReadOnlyList<ObservedEvent> Events => _events;

    /// <summary>The latest time by which <see cref="Tick"/> must be called (null: only input can change anything).</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? next = null;
            foreach (var at in Deadlines())
            {
                next = next is { } n && n <= at ? n : at;
            }

            return next;
        }
    }

    /// <summary>The case begins (the opening handshake is done); the first steps' writes come out.</summary>
    public void Start(TimeSpan now)
    {
        _now = now;
        _started = true;
        _caseDeadline = now + _case.Timeout;
        if (_settings.DeflateDeclined)
        {
            // Autobahn 12/13: without the extension the case has nothing to test; the harness closes at once.
            Note("the server did not accept the permessage-deflate offer: closing (UNIMPLEMENTED)");
            StopSteps();
            SendClose(CloseCode.NormalClosure, HarnessCloseKind.Normal);
        }

        Advance();
    }

    /// <summary>Bytes from the peer.</summary>
    public void Receive(ReadOnlySpan<byte> data, TimeSpan now)
    {
        _now = now;
        while (!data.IsEmpty && !IsFinished)
        {
            data = data[_receiver.Receive(data)..];
            while (_receiver.TryDequeue(out var received))
            {
                OnReceived(received!);
            }
        }

        Advance();
    }

    /// <summary>The peer closed its side (<paramref name="reset"/>: it reset the connection, or it broke).</summary>
    public void ReceiveEnd(bool reset, string? detail, TimeSpan now)
    {
        _now = now;
        if (IsFinished)
        {
            return;
        }

        if (_receiver.EndOfStream() is { } partial)
        {
            var entry = _wire.Add(new RawEntry(WireDirection.Received, partial.Bytes, "an unfinished frame when the stream ended"), now, keep: true);
            _frameWireIndex[partial.Index] = entry.Index;
        }

        _serverClosedTcp = true;
        _peerReset = reset;
        _closedBy ??= Closer.Peer;
        _wire.Add(new TcpEntry(reset ? TcpEventKind.PeerReset : TcpEventKind.PeerEof, detail), now);
        End();
    }

    /// <summary>Time passed: deadlines that came are acted on.</summary>
    public void Tick(TimeSpan now)
    {
        _now = now;
        if (IsFinished)
        {
            return;
        }

        CheckDeadlines();
        Advance();
    }

    /// <summary>The driver gives up on the case (its hard cap): the harness drops the connection.</summary>
    public void Abort(string reason, TimeSpan now)
    {
        _now = now;
        Drop(reason);
    }

    /// <summary>The next thing for the driver to do, in order.</summary>
    public bool TryTakeAction(out MachineAction? action) => _actions.TryDequeue(out action);

    /// <summary>The facts of how the case went, added to the handshake facts the runner already has.</summary>
    public Observation Complete(Observation handshake)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        if (_breachesNotKept > 0 || _eventsNotKept > 0)
        {
            Note($"not kept as evidence: {_breachesNotKept} more breaches, {_eventsNotKept} more events");
        }

        var wire = _wire.Entries;
        // RFC 6455 7.1.1: clean is both close frames, then the server closes TCP (the harness itself, when it is the server).
        var clean = _harnessClose is not null && _peerClose is not null && (_serverClosedTcp || _closedTcpAsServer) && !_dropped;
        return handshake with
        {
            Wire = wire,
            Events = [.. _events],
            ClosedBy = _closedBy,
            FailedByHarness = _harnessClose?.Kind is HarnessCloseKind.Violation or HarnessCloseKind.DeadlineFail,
            TimedOut = _timedOut,
            Settled = _harnessClose?.Kind == HarnessCloseKind.Settled,
            HarnessSentClose = _harnessClose is not null,
            HarnessCloseWritten = _harnessCloseWritten,
            HarnessCloseCode = _harnessClose?.Code,
            HarnessClosedFirst = _harnessClose is { Kind: not HarnessCloseKind.Reply },
            PeerSentClose = _peerClose is not null,
            PeerCloseCode = _peerClose?.Code,
            PeerCloseReason = _peerClose?.Reason,
            PeerCloseIndex = _peerClose?.WireIndex,
            WasClean = clean,
            NotCleanReason = clean ? null : _notClean ?? NotCleanBecause(),
            ServerClosedTcp = _serverClosedTcp,
            PeerReset = _peerReset,
            DroppedByHarness = _dropped,
            ServerDropTimeout = _serverDropTimeout,
            CloseHandshakeTimeout = _closeHandshakeTimeout,
            LargestMessageSent = _largestMessageSent,
            Violations = Violations(wire),
            HarnessRole = _settings.HarnessRole,
            Errors = [.. handshake.Errors, .. _errors],
        };
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _sink.Dispose();
        _outgoing.Dispose();
    }

    private IEnumerable<TimeSpan> Deadlines()
    {
        if (!_started || IsFinished)
        {
            yield break;
        }

        if (Phase == ClosePhase.Open && !_timedOut)
        {
            yield return _caseDeadline;
        }

        if (_pauseUntil is { } pause)
        {
            yield return pause;
        }

        if (_nextWriteAt is { } write && !_writing)
        {
            yield return write;
        }

        if (_closeReplyDeadline is { } reply)
        {
            yield return reply;
        }

        if (_tcpCloseDeadline is { } tcp)
        {
            yield return tcp;
        }
    }

    private void Note(string text) => _wire.Add(new NoteEntry(text), _now);

    private void AddError(string error) => _errors.Add(error);
}
