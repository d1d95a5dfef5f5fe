using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// One connection's echo loop. Closed loop: keeps <see cref="BenchScenario.InFlight"/> messages outstanding, sending the
/// next as each echo returns. Open loop: sends at its share of <see cref="BenchScenario.Rate"/> whatever the answers,
/// timing each echo from when its message was due (so a stalled server shows in the latency, not as a lower rate).
/// Every echo is checked against what was sent; a lost connection counts an error and is reopened.
/// Nothing is allocated per message: the payload, send times and read buffer are the connection's own.
/// </summary>
internal sealed class EchoWorker
{
    private const int ReadBufferSize = 64 * 1024;
    private const int OpenLoopBacklog = 1 << 16;

    private readonly EchoRunState _run;
    private readonly EchoPayload _payload;
    private readonly double _ratePerConnection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long[] _sendTimes;
    private long _sent;
    private long _received;
    private long _lastProgress;
    private int _due;
    private volatile BenchConnection? _current;
    private volatile string? _abortReason;

    public EchoWorker(EchoRunState run, double ratePerConnection)
    {
        _run = run;
        _ratePerConnection = ratePerConnection;
        _payload = new EchoPayload(run.Scenario.Size, run.Scenario.Kind, run.Scenario.Deflate, run.Scenario.MaxSize);
        // Closed loop: one slot per message in flight. Open loop: enough for the echo timeout at this rate, within bounds.
        _sendTimes = new long[ratePerConnection > 0
            ? (int)Math.Clamp(ratePerConnection * run.Options.EchoTimeout.TotalSeconds, 1024, OpenLoopBacklog)
            : run.Scenario.InFlight];
    }

    private bool OpenLoop => _ratePerConnection > 0;

    private long Outstanding => Interlocked.Read(ref _sent) - Interlocked.Read(ref _received);

    /// <summary>Called by the watchdog: a connection that owes echoes and made no progress for the echo timeout is dropped.</summary>
    public void CheckProgress(long now, TimeSpan timeout)
    {
        if (_current is { } connection && Outstanding > 0 && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress), now) > timeout)
        {
            _abortReason = $"no echo within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
            connection.Abort();
        }
    }

    /// <summary>Runs connections until the run stops; returns once the last one is closed.</summary>
    public async Task RunAsync()
    {
        while (!_run.Stopping)
        {
            BenchConnection connection;
            var sink = new EchoCheckSink(_payload);
            sink.Echoed = correct => OnEcho(sink, correct);
            try
            {
                connection = await BenchConnection.OpenAsync(_run.Address, _run.Options, _run.Scenario.Deflate, () => sink, CancellationToken.None);
            }
            catch (BenchConnectException exception)
            {
                _run.Errors.Add(exception.Kind);
                await Task.Delay(100);
                continue;
            }

            _run.Agent ??= connection.Accepted.Response.Headers.GetCombined("Server") ?? string.Empty;
            _run.DeflateAccepted ??= _run.Scenario.Deflate ? connection.Accepted.PerMessageDeflate is not null : null;
            _run.Opened();
            _current = connection;
            _abortReason = null;
            _sent = 0;
            _received = 0;
            _due = 0;
            Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
            string? lost;
            try
            {
                lost = await ServeAsync(connection);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                lost = _abortReason ?? "connection lost";
            }
            finally
            {
                _current = null;
                _run.Closed();
                await connection.DisposeAsync();
            }

            if (lost is not null)
            {
                // Counted, then reopened after a pause, so a server that drops every connection is not hammered.
                _run.Errors.Add(lost);
                await Task.Delay(100);
            }
        }
    }

    /// <summary>One connection's life: null when it ended because the run stopped, else the error kind that ended it.</summary>
    private async Task<string?> ServeAsync(BenchConnection connection)
    {
        var sender = Task.CompletedTask;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (OpenLoop)
                {
                    sender = Task.Run(() => PaceAsync(connection));
                }
                else
                {
                    for (var i = 0; i < _run.Scenario.InFlight; i++)
                    {
                        Send(connection, Stopwatch.GetTimestamp());
                    }
                }

                var early = Handle(connection, connection.Leftover);
                await connection.FlushAsync(CancellationToken.None);
                if (early is not null)
                {
                    return early;
                }
            }
            finally
            {
                _gate.Release();
            }

            while (!(_run.Stopping && Outstanding == 0))
            {
                var read = await connection.Stream.ReadAsync(buffer.AsMemory(0, ReadBufferSize));
                if (read == 0)
                {
                    return _abortReason ?? "closed by server: TCP without a close frame";
                }

                await _gate.WaitAsync();
                try
                {
                    var ended = Handle(connection, buffer.AsSpan(0, read));
                    await connection.FlushAsync(CancellationToken.None);
                    if (ended is not null)
                    {
                        return ended;
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }

            await sender;
            await CloseAsync(connection, buffer);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Feeds received bytes to the core, then sends one message per echo (closed loop; call under the gate). Non-null: the connection ended.</summary>
    private string? Handle(BenchConnection connection, ReadOnlySpan<byte> data)
    {
        var core = connection.Connection;
        while (!data.IsEmpty)
        {
            // Echoes go to OnEcho from inside the core (no event, no allocation); what is left are control events.
            data = data[core.ReceiveData(data)..];
            while (core.TryDequeueEvent(out var connectionEvent))
            {
                switch (connectionEvent)
                {
                    case ConnectionFailed failed:
                        // The server's frames broke RFC 6455 (or 7692): the echo is wrong whatever its bytes.
                        _run.Errors.AddWrongEcho();
                        return $"server broke {failed.Violation.Section}";
                    case CloseReceived close:
                        return $"closed by server: {close.Code?.ToString(CultureInfo.InvariantCulture) ?? "no code"}";
                    case TransportClosedAbnormally:
                        return "closed by server: TCP without a close frame";
                }
            }
        }

        for (; _due > 0; _due--)
        {
            if (!_run.Stopping)
            {
                Send(connection, Stopwatch.GetTimestamp());
            }
        }

        return null;
    }

    /// <summary>One echo arrived, checked by <see cref="EchoCheckSink"/>.</summary>
    private void OnEcho(EchoCheckSink sink, bool correct)
    {
        var now = Stopwatch.GetTimestamp();
        if (Outstanding <= 0 || !correct)
        {
            // An echo that differs from what was sent, or one nobody sent.
            _run.Errors.AddWrongEcho();
        }
        else
        {
            _run.Latency.Record(_sendTimes[_received % _sendTimes.Length], now);
            _run.Echoed(_payload.LengthOf(_received));
        }

        Interlocked.Increment(ref _received);
        sink.ExpectedSequence = _received;
        Volatile.Write(ref _lastProgress, now);
        if (!OpenLoop)
        {
            _due++;
        }
    }

    private void Send(BenchConnection connection, long due)
    {
        _sendTimes[_sent % _sendTimes.Length] = due;
        connection.Connection.SendMessage(_payload.Kind, _payload.For(_sent));
        Interlocked.Increment(ref _sent);
    }

    /// <summary>Open loop: sends every message that is due by now, then sleeps until the next one is.</summary>
    private async Task PaceAsync(BenchConnection connection)
    {
        var schedule = OpenLoopSchedule.At(Stopwatch.GetTimestamp(), _ratePerConnection);
        long scheduled = 0;
        while (!_run.Stopping && _current == connection)
        {
            var due = schedule.DueBy(Stopwatch.GetTimestamp());
            if (due > scheduled)
            {
                await _gate.WaitAsync();
                try
                {
                    while (scheduled < due && Outstanding < _sendTimes.Length)
                    {
                        // Coordinated omission: the echo is timed from when the message was due, not when it went out.
                        Send(connection, schedule.DueAt(scheduled));
                        scheduled++;
                    }

                    await connection.FlushAsync(CancellationToken.None);
                }
                catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                finally
                {
                    _gate.Release();
                }
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), schedule.DueAt(scheduled));
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
        }

        // The receiver may be waiting with nothing outstanding: a ping's pong (RFC 6455 5.5.2) wakes it to see the stop.
        await _gate.WaitAsync();
        try
        {
            if (connection.Connection.State == ConnectionState.Open)
            {
                connection.Connection.SendPing("stop"u8);
                await connection.FlushAsync(CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is gone; the receiver has already ended.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The close handshake (RFC 6455 7.1.2), bounded: close 1000, then read until the server's close or EOF.</summary>
    private static async Task CloseAsync(BenchConnection connection, byte[] buffer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var core = connection.Connection;
            if (core.State == ConnectionState.Open)
            {
                core.SendClose(CloseCode.NormalClosure);
                await connection.FlushAsync(timeout.Token);
            }

            while (!core.CloseReceivedFromPeer)
            {
                var read = await connection.Stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                core.ReceiveAll(buffer.AsSpan(0, read));
                while (core.TryDequeueEvent(out _))
                {
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The run is over; a server that does not close cleanly costs nothing here.
        }
    }
}
