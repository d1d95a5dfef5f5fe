using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running.Machine;

/// <summary>The steps, in order, written exactly; they stop when the peer closes, the deadline passes or the verdict is settled.</summary>
public sealed partial class CaseMachine
{
    /// <summary>Round trips logged frame by frame at each end of a round-trips step; those between are a bulk transfer.</summary>
    private const int DetailedRoundTrips = 2;

    private int _step;
    private bool _stepBusy;
    private bool _stepsStopped;
    private TimeSpan? _pauseUntil;
    private PauseStep? _pause;
    private RoundTripState? _trips;

    /// <summary>Moves things on after any input: finished steps give way to the next, and writes go out.</summary>
    private void Advance()
    {
        if (!_started)
        {
            return;
        }

        while (!_stepBusy && !_stepsStopped && !IsFinished && _step < _case.Steps.Count)
        {
            var step = _case.Steps[_step++];
            try
            {
                StartStep(step);
            }
            catch (Exception exception) when (exception is ArgumentException or OverflowException or InvalidOperationException)
            {
                // The case asked for something that cannot be written (e.g. a 7-bit length form over 125).
                AddError($"step at {step.Source}: {exception.Message}");
                StopSteps();
            }
        }

        PumpWrites();
    }

    private void StartStep(Step step)
    {
        switch (step)
        {
            case SendFrameStep send:
                Busy(FrameGroup(_outgoing.Prepare([send.Frame]), send.Chop, log: true, StepWritten));
                break;
            case SendFramesStep send:
                Busy(FrameGroup(_outgoing.Prepare(send.Frames), send.Chop, log: true, StepWritten));
                break;
            case SendRawStep raw:
                Busy(new OutgoingGroup(Chop(raw.Bytes, raw.Chop), StepWritten)
                {
                    Starting = () => _wire.Add(new RawEntry(WireDirection.Sent, raw.Bytes, "raw bytes"), _now),
                });
                break;
            case CloseStep close:
                // The case's own close frame: it starts the harness's side of the close handshake once written.
                var frame = Own(FrameBytes.Close(close.Code, close.Reason));
                var group = FrameGroup([new OutgoingFrame(frame, null)], null, log: true, () =>
                {
                    StepWritten();
                    StepCloseWritten(frame);
                });
                Busy(new OutgoingGroup(group.Chunks, group.Written)
                {
                    Starting = () =>
                    {
                        group.Starting?.Invoke();
                        OnStepWritesClose(frame);
                    },
                });
                break;
            case PauseStep pause:
                Note($"pause {pause.Duration.TotalMilliseconds:0} ms{(pause.Mark is null ? "" : $" (mark {pause.Mark})")}");
                _stepBusy = true;
                _pause = pause;
                _pauseUntil = _now + pause.Duration;
                break;
            case RoundTripStep trips:
                _stepBusy = true;
                _trips = new RoundTripState(trips);
                NextRoundTrip();
                break;
            case ShutdownStep shutdown:
                StartShutdown(shutdown.Reset);
                break;
            default:
                AddError($"step at {step.Source}: unknown step {step.GetType().Name}");
                StopSteps();
                break;
        }
    }

    private void Busy(OutgoingGroup group)
    {
        _stepBusy = true;
        group.IsStep = true;
        Enqueue(group);
    }

    private void StepWritten() => _stepBusy = false;

    /// <summary>No more steps run (the peer closed, the deadline passed, the harness closed or failed the connection).</summary>
    private void StopSteps()
    {
        _stepsStopped = true;
        _pauseUntil = null;
        _pause = null;
        if (_trips is not null)
        {
            LeaveBulk();
            _trips = null;
        }

        // A step's frames not yet begun are not written.
        for (var node = _writeQueue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.IsStep)
            {
                _writeQueue.Remove(node);
            }

            node = next;
        }
    }

    private void PauseEnded()
    {
        var pause = _pause!;
        _pauseUntil = null;
        _pause = null;
        _stepBusy = false;
        if (pause.Mark is null)
        {
            return;
        }

        // Autobahn's continueLater tag: recorded only when the connection is still open after the pause.
        if (_peerClose is null && !IsFinished)
        {
            var note = _wire.Add(new NoteEntry($"mark {pause.Mark}: the connection is still open"), _now);
            AddEvent(new ObservedMark(pause.Mark, note.Index));
        }
    }

    private void NextRoundTrip()
    {
        var trips = _trips!;
        if (trips.Next >= trips.Step.Count)
        {
            LeaveBulk();
            _trips = null;
            _stepBusy = false;
            return;
        }

        var index = trips.Next++;
        var plain = trips.Step.Window?.Slice(index) ?? trips.Step.Frame.Payload;
        if (index == DetailedRoundTrips && trips.Step.Count - DetailedRoundTrips > DetailedRoundTrips)
        {
            Note($"round trips {DetailedRoundTrips + 1} to {trips.Step.Count - DetailedRoundTrips}: bulk transfer, the harness's frames are not logged and the peer's without payload");
            _wire.Bulk = true;
            _receiver.KeepFramePayload = false;
        }
        else if (index == trips.Step.Count - DetailedRoundTrips)
        {
            LeaveBulk();
        }

        var message = _outgoing.RoundTrip(trips.Step, plain, _settings.MaskKeys ?? MaskKeys.Next, describe: !_wire.Bulk);
        if (_wire.Bulk)
        {
            trips.Count(message.PayloadBytes, plain.Length, message.Frames);
        }

        // The next data message from the peer is this one's echo: compared byte by byte as it streams in.
        trips.Binary = (trips.Step.Frame.Opcode & 0x0F) == (byte)Opcode.Binary;
        trips.Sent = plain.Length;
        _sink.ExpectEcho(plain);
        trips.AwaitingEcho = true;
        Enqueue(new OutgoingGroup([new OutgoingChunk(message.Wire, TimeSpan.Zero)], null)
        {
            IsStep = true,
            Starting = () =>
            {
                foreach (var frame in message.Described ?? [])
                {
                    _wire.Add(new FrameEntry(WireDirection.Sent, frame.Header, frame.HeaderBytes, frame.Payload) { Inflated = frame.Plain, InflatedLength = frame.Plain?.Length ?? 0 }, _now);
                }

                _largestMessageSent = Math.Max(_largestMessageSent, plain.Length);
            },
        });
    }

    private void LeaveBulk()
    {
        if (!_wire.Bulk || _trips is not { } trips)
        {
            return;
        }

        _wire.Bulk = false;
        _receiver.KeepFramePayload = true;
        Note($"bulk transfer done: {trips.Messages} messages sent in {trips.Frames} frames, {trips.WireBytes} payload bytes on the wire for {trips.PlainBytes} bytes of data; {trips.ReceivedFrames} data frames received, {trips.ReceivedBytes} payload bytes");
    }

    /// <summary>A round-trips step in progress.</summary>
    private sealed class RoundTripState(RoundTripStep step)
    {
        public RoundTripStep Step => step;

        public int Next { get; set; }

        public bool AwaitingEcho { get; set; }

        public bool Binary { get; set; }

        public long Sent { get; set; }

        public long Messages { get; private set; }

        public long Frames { get; private set; }

        public long WireBytes { get; private set; }

        public long PlainBytes { get; private set; }

        public long ReceivedFrames { get; private set; }

        public long ReceivedBytes { get; private set; }

        public void CountReceived(long payloadBytes)
        {
            ReceivedFrames++;
            ReceivedBytes += payloadBytes;
        }

        public void Count(long wireBytes, long plainBytes, int frames)
        {
            Messages++;
            Frames += frames;
            WireBytes += wireBytes;
            PlainBytes += plainBytes;
        }
    }
}
