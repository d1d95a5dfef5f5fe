using System.Net.Sockets;
using Conformance.Harness.Running.Machine;

namespace Conformance.Harness.Running;

/// <summary>
/// The thin async side of a case: moves bytes between the connection and the <see cref="CaseMachine"/>, and time into it.
/// One read and at most one write in flight; every decision is the machine's.
/// </summary>
internal static class CaseDriver
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>Runs the machine until the connection is gone or <paramref name="hardCap"/> fires (then the harness drops it).</summary>
    /// <param name="machine">The case, after the opening handshake.</param>
    /// <param name="connection">The open connection.</param>
    /// <param name="initialBytes">Bytes that came with the handshake response.</param>
    /// <param name="time">The clock for waiting.</param>
    /// <param name="now">The time since the case started (the machine's clock).</param>
    /// <param name="hardCap">Fires when the case may take no longer.</param>
    public static async Task RunAsync(CaseMachine machine, TargetConnection connection, byte[] initialBytes, TimeProvider time, Func<TimeSpan> now, CancellationToken hardCap)
    {
        TimeSpan Now() => now();
        var buffer = new byte[ReadBufferSize];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(hardCap);
        using var alarm = new Alarm(time, stop.Token);
        Task<int>? read = null;
        Task? write = null;
        try
        {
            machine.Start(Now());
            if (initialBytes.Length > 0)
            {
                machine.Receive(initialBytes, Now());
            }

            while (true)
            {
                write = await PerformAsync(machine, connection, write, Now).ConfigureAwait(false);
                if (machine.IsFinished)
                {
                    break;
                }

                read ??= connection.Stream.ReadAsync(buffer, stop.Token).AsTask();
                var delay = alarm.At(machine.NextDeadline, Now());
                await (write is null ? Task.WhenAny(read, delay) : Task.WhenAny(read, write, delay)).ConfigureAwait(false);
                if (hardCap.IsCancellationRequested)
                {
                    machine.Abort("the case was cut off at its hard cap", Now());
                    break;
                }

                // A finished write first: what the peer answers cannot have come before what it answers.
                if (write is { IsCompleted: true })
                {
                    OnWritten(machine, write, Now());
                    write = null;
                }

                if (read.IsCompleted)
                {
                    OnRead(machine, read, buffer, Now());
                    read = null;
                }

                machine.Tick(Now());
            }

            await PerformAsync(machine, connection, write, Now).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (read is not null)
            {
                await ((Task)read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// One timer for the machine's next deadline, kept while the deadline stays the same (a bulk transfer's thousand
    /// round trips share one), replaced when it moves.
    /// </summary>
    private sealed class Alarm(TimeProvider time, CancellationToken stop) : IDisposable
    {
        private readonly Task _never = Task.Delay(Timeout.InfiniteTimeSpan, time, stop);
        private CancellationTokenSource? _timer;
        private Task? _delay;
        private TimeSpan? _for;

        /// <summary>A task that completes at <paramref name="deadline"/> (or never, for none).</summary>
        public Task At(TimeSpan? deadline, TimeSpan now)
        {
            if (deadline is null)
            {
                return _never;
            }

            if (deadline != _for || _delay is null || _delay.IsCompleted)
            {
                Disarm();
                _for = deadline;
                _timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var wait = deadline.Value - now;
                _delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, _timer.Token);
            }

            return _delay;
        }

        public void Dispose() => Disarm();

        private void Disarm()
        {
            _timer?.Cancel();
            _timer?.Dispose();
            _timer = null;
            _delay = null;
        }
    }

    /// <summary>Carries out the machine's actions; returns the write in flight, if any.</summary>
    private static async Task<Task?> PerformAsync(CaseMachine machine, TargetConnection connection, Task? write, Func<TimeSpan> now)
    {
        while (machine.TryTakeAction(out var action))
        {
            switch (action)
            {
                case WriteAction bytes:
                    write = WriteAsync(connection, bytes.Bytes);
                    if (write.IsCompleted)
                    {
                        // A write that went at once is acknowledged at once, so a burst of small writes needs no extra turn.
                        OnWritten(machine, write, now());
                        write = null;
                    }

                    break;
                case ShutdownSendAction:
                    await Try(() => connection.ShutdownSendAsync(CancellationToken.None)).ConfigureAwait(false);
                    break;
                case ResetAction:
                    connection.Reset();
                    break;
                case DropAction:
                    connection.Socket.Dispose();
                    break;
            }
        }

        return write;
    }

    private static Task WriteAsync(TargetConnection connection, byte[] bytes)
    {
        try
        {
            return connection.Stream.WriteAsync(bytes).AsTask();
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            return Task.FromException(exception);
        }
    }

    private static void OnWritten(CaseMachine machine, Task write, TimeSpan now)
    {
        if (write.IsCompletedSuccessfully)
        {
            machine.WriteCompleted(now);
        }
        else
        {
            var exception = write.Exception?.InnerException;
            machine.WriteFailed(exception?.InnerException?.Message ?? exception?.Message ?? "cancelled", now);
        }
    }

    private static void OnRead(CaseMachine machine, Task<int> read, byte[] buffer, TimeSpan now)
    {
        if (read.IsCompletedSuccessfully)
        {
            if (read.Result == 0)
            {
                machine.ReceiveEnd(reset: false, null, now);
            }
            else
            {
                machine.Receive(buffer.AsSpan(0, read.Result), now);
            }

            return;
        }

        var exception = read.Exception?.InnerException;
        machine.ReceiveEnd(reset: true, exception?.InnerException?.Message ?? exception?.Message ?? "the read was cancelled", now);
    }

    private static async Task Try(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            // The connection is already gone; the read side reports how.
        }
    }

    private static bool IsTransport(Exception exception) =>
        exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException;
}
