using System.Net.Sockets;
using System.Security.Cryptography;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Running;

/// <summary>The steps, in order, written exactly; they stop when the peer closes, the deadline passes or TCP is gone.</summary>
internal sealed partial class CaseSession
{
    private async Task RunStepsAsync()
    {
        var token = _stopSteps.Token;
        foreach (var step in _case.Steps.Skip(_firstStep))
        {
            if (token.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (!await RunStepAsync(step, token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is ArgumentException or OverflowException or InvalidOperationException)
            {
                // The case asked for something that cannot be written (e.g. a 7-bit length form over 125).
                AddError($"step at {step.Source}: {exception.Message}");
                return;
            }
        }
    }

    /// <summary>Runs one step; false when the connection can take no more.</summary>
    private async Task<bool> RunStepAsync(Step step, CancellationToken token)
    {
        switch (step)
        {
            case SendFrameStep send:
                return await WriteFramesAsync([send.Frame], send.Chop, token);
            case SendFramesStep send:
                return await WriteFramesAsync(send.Frames, send.Chop, token);
            case SendRawStep raw:
                return await WriteRawAsync(raw.Bytes, raw.Chop, token);
            case PauseStep pause:
                await PauseAsync(pause, token);
                return true;
            case CloseStep close:
                return await WriteFramesAsync([FrameBytes.Close(close.Code, close.Reason)], null, token);
            case RoundTripStep trips:
                return await RoundTripsAsync(trips, token);
            case ShutdownStep shutdown:
                await ShutdownAsync(shutdown.Reset, token);
                return !shutdown.Reset;
            default:
                AddError($"step at {step.Source}: unknown step {step.GetType().Name}");
                return false;
        }
    }

    /// <summary>Round trips logged frame by frame at each end of a round-trips step; those between are a bulk transfer.</summary>
    private const int DetailedRoundTrips = 2;

    /// <summary>
    /// Sends a message, waits for the next data message from the peer (its echo, judged against what was sent), and
    /// again, Count times (Autobahn 9.7/9.8, and 12/13 with a window over a data set). The middle round trips are not
    /// logged frame by frame (the wire log stays bounded); a note says what they sent.
    /// </summary>
    private async Task<bool> RoundTripsAsync(RoundTripStep trips, CancellationToken token)
    {
        var binary = (trips.Frame.Opcode & 0x0F) == (byte)Opcode.Binary;
        var bulk = new BulkTally(DetailedRoundTrips, trips.Count - DetailedRoundTrips);
        try
        {
            for (var i = 0; i < trips.Count; i++)
            {
                var plain = trips.Window?.Slice(i) ?? trips.Frame.Payload;
                var frames = RoundTripFrames(trips, plain);
                EnterOrLeaveBulk(bulk, i);
                lock (_state)
                {
                    _pendingEcho = new EchoTarget(binary, plain.Length, Convert.ToHexStringLower(SHA256.HashData(plain)));
                }

                bulk.Count(i, frames.Sum(frame => frame.Spec.Payload.Length), plain.Length, frames.Count);
                if (!await WriteAsync(null, frames, null, log: !bulk.Contains(i), token))
                {
                    return false;
                }

                // Wait for the echo; the case deadline (or the peer closing) cancels the token.
                while (!await _messageArrived.WaitAsync(TimeSpan.FromMilliseconds(200), token))
                {
                    if (!IsOpen)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        finally
        {
            LeaveBulk(bulk);
        }
    }

    private void EnterOrLeaveBulk(BulkTally bulk, int index)
    {
        if (index == bulk.From && bulk.Contains(index))
        {
            _wire.Add(new NoteEntry($"round trips {bulk.From + 1} to {bulk.To}: bulk transfer, the harness's frames are not logged and the peer's without payload"));
            _wire.Bulk = true;
        }
        else if (index == bulk.To)
        {
            LeaveBulk(bulk);
        }
    }

    private void LeaveBulk(BulkTally bulk)
    {
        if (!_wire.Bulk)
        {
            return;
        }

        _wire.Bulk = false;
        _wire.Add(new NoteEntry($"bulk transfer done: {bulk.Messages} messages sent in {bulk.Frames} frames, {bulk.WireBytes} payload bytes on the wire for {bulk.PlainBytes} bytes of data"));
    }

    /// <summary>What the unlogged round trips [From, To) sent.</summary>
    private sealed class BulkTally(int from, int to)
    {
        public int From => from;

        public int To => to;

        public long Messages { get; private set; }

        public long Frames { get; private set; }

        public long WireBytes { get; private set; }

        public long PlainBytes { get; private set; }

        public bool Contains(int index) => index >= from && index < to;

        public void Count(int index, long wireBytes, long plainBytes, int frames)
        {
            if (!Contains(index))
            {
                return;
            }

            Messages++;
            Frames += frames;
            WireBytes += wireBytes;
            PlainBytes += plainBytes;
        }
    }

    private async Task PauseAsync(PauseStep pause, CancellationToken token)
    {
        _wire.Add(new NoteEntry($"pause {pause.Duration.TotalMilliseconds:0} ms{(pause.Mark is null ? "" : $" (mark {pause.Mark})")}"));
        await Task.Delay(pause.Duration, token);
        if (pause.Mark is null)
        {
            return;
        }

        // Autobahn's continueLater tag: recorded only when the connection is still open after the pause.
        if (IsOpen)
        {
            var note = _wire.Add(new NoteEntry($"mark {pause.Mark}: the connection is still open"));
            lock (_state)
            {
                _events.Add(new ObservedMark(pause.Mark, note.Index));
            }
        }
    }

    private async Task ShutdownAsync(bool reset, CancellationToken token)
    {
        lock (_state)
        {
            _closedBy ??= Closer.Harness;
            if (reset)
            {
                _dropped = true;
            }
        }

        try
        {
            if (reset)
            {
                _wire.Add(new TcpEntry(TcpEventKind.SentReset));
                _connection.Reset();
                _tcpEnded.TrySetResult();
            }
            else
            {
                _wire.Add(new TcpEntry(TcpEventKind.SentFin));
                await _connection.ShutdownSendAsync(token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            _wire.Add(new NoteEntry($"shutdown failed: {exception.Message}"));
        }
    }
}
