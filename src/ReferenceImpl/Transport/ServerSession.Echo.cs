using System.Buffers;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>The open connection of a session: the echo loop, its timeouts and the server-initiated close.</summary>
internal sealed partial class ServerSession
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>The echo loop: wait for data, read, process frame by frame, write, until the connection says to close TCP.</summary>
    private async Task ServeAsync()
    {
        var connection = _connection!;
        var stream = _stream!;
        byte[]? buffer = null;
        try
        {
            while (!connection.ShouldCloseTransport)
            {
                if (_shutdownRequested && connection.State == ConnectionState.Open)
                {
                    await SendCloseAsync(CloseCode.GoingAway, "server shutting down");
                    continue;
                }

                var token = _deadline.ReadToken;
                int read;
                try
                {
                    if (buffer is null)
                    {
                        // Idle, the connection holds no buffer: wait until bytes arrive, then rent one.
                        await stream.WaitForDataAsync(token);
                        buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
                    }

                    read = await stream.ReadAsync(buffer.AsMemory(0, ReadBufferSize), token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    if (await OnReadCancelledAsync())
                    {
                        return;
                    }

                    continue;
                }

                _deadline.Touch();
                if (read == 0)
                {
                    // RFC 6455 7.1.5: a transport closed without a close handshake is an abnormal closure (1006).
                    connection.ReceiveEof();
                    Drain();
                }
                else
                {
                    Process(buffer.AsSpan(0, read));
                }

                await FlushAsync();
                if (read < ReadBufferSize)
                {
                    // The socket is drained for now: give the buffer back before waiting again.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// A read was woken: past the idle deadline, close with 1001; past the close deadline, stop (true); shutdown is
    /// handled at the top of the loop; a wake-up that activity made stale is ignored.
    /// </summary>
    private async Task<bool> OnReadCancelledAsync()
    {
        var expired = _deadline.IsExpired;
        _deadline.Renew();
        if (!expired)
        {
            return false;
        }

        var connection = _connection!;
        if (connection.State == ConnectionState.Open)
        {
            // RFC 6455 7.4.1: 1001, the endpoint is going away (here: the connection was idle too long).
            await SendCloseAsync(CloseCode.GoingAway, "idle timeout");
            return false;
        }

        if (connection.CloseSent)
        {
            // RFC 6455 7.1.1: after waiting a while for the peer's close, the server closes TCP anyway.
            TransportLog.CloseTimedOut(_logger, _id, _options.CloseTimeout);
        }

        return true;
    }

    /// <summary>Feeds received bytes, answering each frame's events before the core reads the next frame (wire order).</summary>
    private void Process(ReadOnlySpan<byte> data)
    {
        var connection = _connection!;
        while (!data.IsEmpty)
        {
            data = data[connection.ReceiveData(data)..];
            EchoKept();
            Drain();
        }
    }

    /// <summary>Echoes a message the core completed, from the buffer it was received into (no copy, no event).</summary>
    private void EchoKept()
    {
        var kept = _kept!;
        if (!kept.HasMessage)
        {
            return;
        }

        if (_connection!.CloseSent)
        {
            // RFC 6455 5.5.1: no data frames after a close frame was sent.
            TransportLog.MessageDropped(_logger, _id, kept.Kind, kept.Message.Length);
        }
        else
        {
            // The reference server echoes every message with its kind and payload.
            _connection.SendMessage(kept.Kind, kept.Message);
            TransportLog.MessageEchoed(_logger, _id, kept.Kind, kept.Message.Length, kept.Compressed);
        }

        kept.Release();
    }

    private void Drain()
    {
        var connection = _connection!;
        while (connection.TryDequeueEvent(out var connectionEvent))
        {
            switch (connectionEvent)
            {
                case PingReceived ping:
                    // RFC 6455 5.5.2: the core answers with a pong itself.
                    TransportLog.Ping(_logger, _id, ping.Payload.Length);
                    break;
                case PongReceived pong:
                    TransportLog.Pong(_logger, _id, pong.Payload.Length);
                    break;
                case CloseReceived close:
                    _peerClose = close;
                    TransportLog.CloseReceived(_logger, _id, close);
                    break;
                case ConnectionFailed failed:
                    TransportLog.Failed(_logger, _id, failed.Violation);
                    break;
                case TransportClosedAbnormally:
                    TransportLog.TransportEnded(_logger, _id, "EOF before the close handshake (1006)");
                    break;
            }
        }
    }

    /// <summary>Sends a close frame and starts the close clock: the peer has CloseTimeout to answer (RFC 6455 7.1.1).</summary>
    private async Task SendCloseAsync(ushort code, string reason)
    {
        _connection!.SendClose(code, reason);
        TransportLog.CloseSent(_logger, _id, code, reason);
        _deadline.Closing();
        await FlushAsync();
    }

    /// <summary>Writes pending output, bounded by the idle timeout from its start (the close timeout once closing).</summary>
    private async ValueTask FlushAsync()
    {
        var connection = _connection!;
        if (connection.PendingOutput.IsEmpty)
        {
            return;
        }

        _deadline.Touch();
        await ConnectionOutput.FlushAsync(connection, _stream!, _deadline.WriteToken());
        _deadline.Touch();
    }
}
