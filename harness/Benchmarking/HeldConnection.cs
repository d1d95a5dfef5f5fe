using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// One idle connection of a hold run. It waits for bytes without holding a buffer (a zero-byte read), answers the
/// server's pings (the core does), notices when the server closes it, and answers "is the server still holding me?"
/// with a ping and its pong (RFC 6455 5.5.2/5.5.3).
/// </summary>
internal sealed class HeldConnection
{
    private const int ReadBufferSize = 4096;
    private static readonly byte[] PingPayload = "held"u8.ToArray();

    private readonly BenchConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TaskCompletionSource? _pong;

    public HeldConnection(BenchConnection connection)
    {
        _connection = connection;
        Reading = Task.Run(ReadAsync);
    }

    /// <summary>Why the server ended the connection, once it did; null while it is open.</summary>
    public string? Lost { get; private set; }

    public Task Reading { get; }

    /// <summary>Pings and waits for the pong; true when it came within the timeout.</summary>
    public async Task<bool> PingAsync(TimeSpan timeout)
    {
        if (Lost is not null)
        {
            return false;
        }

        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pong = pong;
        try
        {
            await _gate.WaitAsync();
            try
            {
                _connection.Connection.SendPing(PingPayload);
                await _connection.FlushAsync(CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }

            return await Task.WhenAny(pong.Task, Task.Delay(timeout)) == pong.Task && Lost is null;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Sends close 1000 and drops the connection without waiting long: the run is over.</summary>
    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _gate.WaitAsync(timeout.Token);
            try
            {
                if (_connection.Connection.State == ConnectionState.Open)
                {
                    _connection.Connection.SendClose(CloseCode.NormalClosure);
                    await _connection.FlushAsync(timeout.Token);
                }
            }
            finally
            {
                _gate.Release();
            }

            await Task.WhenAny(Reading, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Dropped below either way.
        }

        await _connection.DisposeAsync();
    }

    private async Task ReadAsync()
    {
        try
        {
            if (Feed(_connection.Leftover))
            {
                return;
            }

            while (true)
            {
                // No buffer is held while idle: 10,000 waiting connections cost sockets, not 10,000 buffers.
                _ = await _connection.Stream.ReadAsync(Memory<byte>.Empty);
                var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
                try
                {
                    var read = await _connection.Stream.ReadAsync(buffer.AsMemory(0, ReadBufferSize));
                    if (read == 0)
                    {
                        Lost ??= "closed by server: TCP without a close frame";
                        return;
                    }

                    await _gate.WaitAsync();
                    try
                    {
                        var ended = Feed(buffer.AsSpan(0, read));
                        await _connection.FlushAsync(CancellationToken.None);
                        if (ended)
                        {
                            return;
                        }
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Lost ??= "connection lost";
        }
        finally
        {
            _pong?.TrySetResult();
        }
    }

    /// <summary>True when the connection ended.</summary>
    private bool Feed(ReadOnlySpan<byte> data)
    {
        var core = _connection.Connection;
        core.ReceiveAll(data);
        while (core.TryDequeueEvent(out var connectionEvent))
        {
            switch (connectionEvent)
            {
                case PongReceived:
                    _pong?.TrySetResult();
                    break;
                case CloseReceived close:
                    Lost ??= $"closed by server: {close.Code?.ToString(CultureInfo.InvariantCulture) ?? "no code"}";
                    return true;
                case ConnectionFailed failed:
                    Lost ??= $"server broke {failed.Violation.Section}";
                    return true;
            }
        }

        return false;
    }
}
