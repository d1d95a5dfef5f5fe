using System.Threading.Channels;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Extensions;

namespace Conformance.Harness.Running;

/// <summary>
/// One open WebSocket connection running one case after its opening handshake: the steps write exactly what the case
/// says while the reader records the peer, answers its pings and closes like Autobahn's fuzzer (early close, deadline,
/// close handshake timeout, server drop timeout). Ends when TCP is gone; never throws for what the peer does.
/// </summary>
internal sealed partial class CaseSession : IDisposable
{
    private readonly CaseDefinition _case;
    private readonly RunOptions _options;
    private readonly WireLog _wire;
    private readonly TargetConnection _connection;
    private readonly byte[] _initialBytes;
    private readonly int _firstStep;
    private readonly CancellationToken _hardCap;
    private readonly CancellationTokenSource _stopSteps;
    private readonly Lock _state = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<PendingWrite> _replies = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _tcpEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ObservedEvent> _events = [];
    private readonly SemaphoreSlim _messageArrived = new(0);
    private readonly List<string> _errors = [];
    private readonly PeerChecks _checks;
    private readonly MessageAssembler _assembler = new();
    private readonly List<PeerViolation> _liveViolations = [];
    private readonly MessageDeflater? _deflater;
    private readonly bool _closeAtOnce;

    /// <summary>
    /// A session over an open connection. With <c>deflate</c> (the permessage-deflate agreement) data messages are
    /// compressed and received ones inflated (RFC 7692); with <c>closeAtOnce</c> no step runs and the harness closes
    /// 1000 at once (a case needing an extension the server declined).
    /// </summary>
    public CaseSession(CaseDefinition definition, RunOptions options, WireLog wire, TargetConnection connection, byte[] initialBytes, int negotiatedRsvBits, int firstStep, CancellationToken hardCap, PerMessageDeflateParameters? deflate = null, bool closeAtOnce = false)
    {
        _case = definition;
        _options = options;
        _wire = wire;
        _connection = connection;
        _initialBytes = initialBytes;
        _firstStep = firstStep;
        _hardCap = hardCap;
        _stopSteps = CancellationTokenSource.CreateLinkedTokenSource(hardCap);
        _checks = new PeerChecks(negotiatedRsvBits, deflate);
        _deflater = deflate is null ? null : new MessageDeflater(deflate.ClientMaxWindowBits, deflate.ClientNoContextTakeover);
        _closeAtOnce = closeAtOnce;
    }

    /// <summary>Runs the steps and the reader until TCP is gone or the hard cap passes.</summary>
    public async Task RunAsync()
    {
        var reader = Task.Run(ReadLoopAsync);
        var writer = Task.Run(ReplyLoopAsync);
        var deadline = DeadlineAsync();
        if (_closeAtOnce)
        {
            // Autobahn 12/13: without the extension the case has nothing to test; the harness closes at once.
            _wire.Add(new NoteEntry("the server did not accept the permessage-deflate offer: closing (UNIMPLEMENTED)"));
            SendClose(1000, "", CloseKind.Normal);
        }

        var steps = _closeAtOnce ? Task.CompletedTask : RunStepsAsync();
        try
        {
            await _tcpEnded.Task.WaitAsync(_hardCap);
        }
        catch (OperationCanceledException)
        {
            Drop("the case was cut off");
        }

        await _stopSteps.CancelAsync();
        _replies.Writer.TryComplete();
        await Task.WhenAll(reader, writer, deadline, steps).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The facts of how the connection went, added to the handshake facts the runner already has.</summary>
    public Observation Complete(Observation handshake)
    {
        lock (_state)
        {
            var clean = _harnessSentClose && _peerSentClose && _serverClosedTcp && !_dropped;
            return handshake with
            {
                Events = [.. _events],
                ClosedBy = _closedBy,
                FailedByHarness = _failedByHarness,
                TimedOut = _timedOut,
                HarnessSentClose = _harnessSentClose,
                HarnessCloseCode = _harnessCloseCode,
                PeerSentClose = _peerSentClose,
                PeerCloseCode = _peerCloseCode,
                PeerCloseReason = _peerCloseReason,
                PeerCloseIndex = _peerCloseIndex,
                WasClean = clean,
                NotCleanReason = clean ? null : _notClean ?? NotCleanBecause(),
                ServerClosedTcp = _serverClosedTcp,
                PeerReset = _peerReset,
                DroppedByHarness = _dropped,
                ServerDropTimeout = _serverDropTimeout,
                CloseHandshakeTimeout = _closeHandshakeTimeout,
                LargestMessageSent = _largestMessageSent,
                LiveViolations = [.. _liveViolations],
                Errors = [.. handshake.Errors, .. _errors],
            };
        }
    }

    public void Dispose()
    {
        _stopSteps.Dispose();
        _writeLock.Dispose();
        _messageArrived.Dispose();
        _assembler.Dispose();
        _checks.Dispose();
        _deflater?.Dispose();
    }

    private string NotCleanBecause() =>
        (_harnessSentClose, _peerSentClose) switch
        {
            (false, false) when _serverClosedTcp => "the peer dropped the TCP connection without a closing handshake",
            (false, false) => "the harness dropped the TCP connection without a closing handshake",
            (true, false) => "the peer never answered the harness's close frame",
            (false, true) => "the harness never answered the peer's close frame",
            _ => "the harness dropped the TCP connection after the closing handshake",
        };

    private void AddError(string error)
    {
        lock (_state)
        {
            _errors.Add(error);
        }
    }

    /// <summary>A write the reply loop makes in order: a pong or a close, then what to do once it is on the wire.</summary>
    private sealed record PendingWrite(FrameSpec Frame, Action? Written);
}
