using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

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

    /// <summary>Sends the frame, waits for the next data message from the peer, and again, Count times (Autobahn 9.7/9.8).</summary>
    private async Task<bool> RoundTripsAsync(RoundTripStep trips, CancellationToken token)
    {
        for (var i = 0; i < trips.Count; i++)
        {
            if (!await WriteFramesAsync([trips.Frame], null, token))
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
