using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// What the peer sends, as the core's pipeline reads it: every frame logged, every breach recorded (a full stack fails
/// the connection at the first, RFC 6455 7.1.7), pings answered, events matched against the outcomes as they come.
/// </summary>
public sealed partial class CaseMachine
{
    /// <summary>Breaches kept as evidence; later ones are counted.</summary>
    private const int MaxBreachesKept = 100;

    /// <summary>Events kept; a peer that floods messages past them is counted (its verdict was settled long before).</summary>
    private const int MaxEventsKept = 2000;

    /// <summary>The first bytes of messages kept in events, all together; past it an event keeps a message's length and hash only.</summary>
    private const int EventPayloadBudget = 1 << 20;

    private int _eventPayloadBytes;

    private readonly List<(ProtocolViolation Violation, long Frame)> _breaches = [];
    private long _breachesNotKept;
    private long _eventsNotKept;
    private readonly Dictionary<long, int> _frameWireIndex = [];
    private readonly HashSet<long> _breachedFrames = [];
    private long _pingsSent;
    private long _pongsCounted;
    private long _unsolicitedPongs;
    private int _lastFrameWireIndex = -1;
    private long _lastFrameLogged = -1;

    private void OnReceived(ConnectionEvent received)
    {
        switch (received)
        {
            case FrameReceived frame:
                OnFrame(frame);
                break;
            case ViolationRecorded recorded:
                OnBreach(recorded);
                break;
            case MessageReceived message:
                OnMessage(message);
                break;
            case PingReceived ping:
                OnPing(ping);
                break;
            case PongReceived pong:
                OnPong(pong);
                break;
            case CloseReceived close:
                OnPeerClose(close);
                break;
        }
    }

    private void OnFrame(FrameReceived frame)
    {
        var keep = _breachedFrames.Contains(frame.Index) || frame.Header.Opcode == Opcode.Close;
        if (_wire.Bulk && !keep && !frame.Header.Opcode.IsControl() && _trips is { } trips)
        {
            // A bulk transfer's echoes are counted, not logged (Autobahn switches its wire log off for them too).
            trips.CountReceived((long)Math.Min(frame.Header.PayloadLength, long.MaxValue));
            AuditMaskKey(frame.Header, -1);
            return;
        }

        var headerBytes = new byte[frame.Header.Size];
        FrameWriter.WriteHeader(frame.Header, headerBytes);
        var entry = new FrameEntry(WireDirection.Received, frame.Header, headerBytes, frame.Payload, frame.PayloadTruncated)
        {
            // The wire log shows what a compressed frame inflated to beside its bytes (RFC 7692 7.2.2).
            Inflated = frame.Inflated is { Length: > 0 } inflated ? inflated : null,
            InflatedLength = frame.InflatedLength,
        };
        _lastFrameWireIndex = _wire.Add(entry, _now, keep).Index;
        _lastFrameLogged = frame.Index;
        AuditMaskKey(frame.Header, _lastFrameWireIndex);
        if (_breachedFrames.Contains(frame.Index))
        {
            _frameWireIndex[frame.Index] = _lastFrameWireIndex;
        }
    }

    /// <summary>RFC 6455 5.3: as the server, every key the client masks with is audited (<paramref name="wireIndex"/>: -1 when not logged).</summary>
    private void AuditMaskKey(FrameHeader header, int wireIndex)
    {
        if (_maskKeys is { } audit && header.Masked)
        {
            audit.Add(header.MaskKey, wireIndex);
        }
    }

    private void OnBreach(ViolationRecorded recorded)
    {
        // A peer sending random bytes breaks a rule with nearly every frame: the first ones are evidence enough.
        if (_breaches.Count >= MaxBreachesKept)
        {
            _breachesNotKept++;
            return;
        }

        _breaches.Add((recorded.Violation, recorded.FrameIndex));
        _breachedFrames.Add(recorded.FrameIndex);
        if (recorded.FrameIndex == _lastFrameLogged)
        {
            // A rule about the whole frame (a close frame's code) is known once the frame was read and logged.
            _frameWireIndex[recorded.FrameIndex] = _lastFrameWireIndex;
        }

        if (_harnessClose is null && !_dropped && !IsFinished)
        {
            // A full stack fails the connection at the peer's first breach (RFC 6455 7.1.7), as Autobahn's fuzzer does.
            Note($"the peer broke {recorded.Violation.Section} at frame {recorded.FrameIndex + 1}: failing the connection with {recorded.Violation.CloseCode}");
            StopSteps();
            SendClose(recorded.Violation.CloseCode, HarnessCloseKind.Violation);
        }
    }

    private void OnMessage(MessageReceived message)
    {
        if (_harnessClose?.Kind == HarnessCloseKind.Violation)
        {
            return;
        }

        var (length, sha256, echoEqual, firstDifference) = _sink.Last;
        EchoOutcome? echo = null;
        if (_trips is { AwaitingEcho: true } trips && echoEqual is { } equal)
        {
            // The answer to the round trip in flight: equal to what was sent, byte for byte (Autobahn 9.7/9.8, 12/13).
            echo = new EchoOutcome(trips.Binary, trips.Sent, equal, firstDifference);
            trips.AwaitingEcho = false;
        }

        var head = message.Payload;
        if (_eventPayloadBytes + head.Length > EventPayloadBudget)
        {
            head = [];
        }

        _eventPayloadBytes += head.Length;
        var observed = new ObservedMessage(message.Kind == MessageKind.Binary, head, length, sha256, length > head.Length, _lastFrameWireIndex)
        {
            EchoOf = echo,
            Compressed = message.Compressed,
            Incomplete = message.Incomplete,
        };
        AddEvent(observed);
        if (echo is not null && _trips is not null && !_stepsStopped)
        {
            NextRoundTrip();
        }
    }

    private void OnPing(PingReceived ping)
    {
        if (_harnessClose?.Kind == HarnessCloseKind.Violation)
        {
            return;
        }

        // RFC 6455 5.5.2: a ping is answered with a pong carrying its payload (5.5.3: the most recent one may stand for all).
        SendPong(ping.Payload);
        if (_expectations.CountsPings)
        {
            AddEvent(new ObservedPing(ping.Payload, _lastFrameWireIndex));
        }
    }

    private void OnPong(PongReceived pong)
    {
        if (_harnessClose?.Kind == HarnessCloseKind.Violation)
        {
            return;
        }

        // RFC 6455 5.5.3: a pong may come unsolicited (a heartbeat); only a case about pongs counts those answering its pings.
        if (_expectations.CountsPongs && _pongsCounted < _pingsSent)
        {
            _pongsCounted++;
            AddEvent(new ObservedPong(pong.Payload, _lastFrameWireIndex));
            return;
        }

        if (_unsolicitedPongs++ == 0)
        {
            Note("an unsolicited pong: not counted (RFC 6455 5.5.3 allows them)");
        }
    }

    private void AddEvent(ObservedEvent observed)
    {
        if (_events.Count >= MaxEventsKept)
        {
            _eventsNotKept++;
            return;
        }

        _events.Add(observed);
        _expectations.Add(observed);
        if (_case.Informational || _harnessClose is not null || IsFinished)
        {
            return;
        }

        if (_case.Close.By == Closer.Harness && _expectations.AllArrived)
        {
            // Autobahn's early close: once the events equal every expected outcome, the harness closes with codes[0].
            Note("every expected event arrived: closing");
            StopSteps();
            SendClose(_case.Close.Codes.Count > 0 ? _case.Close.Codes[0] : CloseCode.NormalClosure, HarnessCloseKind.Normal);
        }
        else if (_settings.SettleEarly && _case.Close.By == Closer.Harness && !_expectations.CanStillMatch)
        {
            // No outcome starts with what the peer did: the verdict is known, waiting for the deadline would change nothing.
            Note("what the peer sent can no longer match any expected outcome: closing");
            StopSteps();
            SendClose(_case.Close.By == Closer.Harness && _case.Close.Codes.Count > 0 ? _case.Close.Codes[0] : CloseCode.NormalClosure, HarnessCloseKind.Settled);
        }
    }

    /// <summary>The recorded breaches, each citing the wire log entry of its frame.</summary>
    private List<PeerViolation> Violations(IReadOnlyList<WireEntry> wire) =>
        [
            .. _breaches.Select(breach =>
            {
                var index = _frameWireIndex.TryGetValue(breach.Frame, out var at) ? at : -1;
                var seen = index >= 0 && index < wire.Count && wire[index] is FrameEntry frame ? frame.Describe() : $"frame {breach.Frame + 1} (unfinished, #{index})";
                return new PeerViolation(breach.Violation.Section, breach.Violation.Requirement, index, $"{seen}: {breach.Violation.Detail}", RequirementLevel.Must, breach.Violation.CloseCode);
            }),
            .. _maskKeys?.Finding() is { } keys ? [keys] : Array.Empty<PeerViolation>(),
        ];
}
