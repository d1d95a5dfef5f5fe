using System.Net.Sockets;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;
using Microsoft.Extensions.Logging;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// One accepted connection of the <see cref="ReferenceServer"/>: TLS (for wss), the opening handshake (RFC 6455 4.2),
/// then the echo loop over the sans-I/O <see cref="WebSocketConnection"/>, then the TCP close. One task owns the
/// connection from start to end; shutdown and eviction only set a flag and wake it.
/// </summary>
/// <remarks>
/// Memory: an idle connection holds no buffer. Each read first waits for data with a zero-byte read, then rents a
/// buffer from the shared pool, reads, processes, writes and gives it back.
/// </remarks>
internal sealed partial class ServerSession
{
    private readonly long _id;
    private readonly Socket _socket;
    private readonly SessionSettings _settings;
    private readonly ReferenceServerOptions _options;
    private readonly ILogger _logger;
    private readonly SessionDeadline _deadline;
    private Stream? _stream;
    private WebSocketConnection? _connection;
    private CloseReceived? _peerClose;
    private KeptMessageConsumer? _kept;
    private bool _holdsSlot;
    private volatile bool _shutdownRequested;
    private volatile bool _evicted;
    private long _waitingSince = NotYetWaiting;

    public ServerSession(long id, Socket socket, SessionSettings settings)
    {
        _id = id;
        _socket = socket;
        _settings = settings;
        _options = settings.Options;
        _logger = settings.Logger;
        _deadline = new SessionDeadline(_options.HandshakeTimeout, _options.IdleTimeout, _options.CloseTimeout);
    }

    public long Id => _id;

    /// <summary>The session's whole life; it never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>This session's place among the pending handshakes (<see cref="ConnectionAdmission"/>'s).</summary>
    public LinkedListNode<ServerSession>? PendingEntry { get; set; }

    /// <summary><see cref="WaitingSince"/> before the session first waits for the client.</summary>
    public const long NotYetWaiting = long.MaxValue;

    /// <summary>When the session first waited for the client's handshake (<see cref="Environment.TickCount64"/>).</summary>
    public long WaitingSince => Volatile.Read(ref _waitingSince);

    /// <summary>From now on the session waits on the client's handshake; it may be evicted for slowness.</summary>
    public void StartWaiting() => Volatile.Write(ref _waitingSince, Environment.TickCount64);

    /// <summary>Starts the handshake clock (the whole opening handshake must finish within HandshakeTimeout) and the session.</summary>
    public void Start()
    {
        _deadline.StartHandshake();
        Completion = Task.Run(RunAsync);
    }

    /// <summary>
    /// Graceful shutdown: an open connection is sent close 1001 "going away" (RFC 6455 7.4.1) and its reply awaited for
    /// <see cref="ReferenceServerOptions.CloseTimeout"/>; a connection still in its handshake is dropped.
    /// </summary>
    public void RequestShutdown()
    {
        _shutdownRequested = true;
        _deadline.Interrupt();
    }

    /// <summary>Drops a connection still in its handshake to make room for a newer one.</summary>
    public void Evict()
    {
        _evicted = true;
        _deadline.Interrupt();
    }

    /// <summary>Closes the socket at once; pending reads and writes end with an exception.</summary>
    public void Abort() => TransportCloser.Abort(_socket, _stream);

    private async Task RunAsync()
    {
        var closeGracefully = true;
        try
        {
            TransportLog.Accepted(_logger, _id, _socket);
            if (await HandshakeAsync())
            {
                await ServeAsync();
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            TransportLog.TransportEnded(_logger, _id, exception.Message);
            closeGracefully = false;
        }
        catch (Exception exception)
        {
            // One connection's fault never reaches the server or the other connections.
            TransportLog.ConnectionError(_logger, _id, exception);
            closeGracefully = false;
        }
        finally
        {
            _settings.Admission.LeavePending(this);
            if (closeGracefully)
            {
                // RFC 6455 7.1.1: the server closes TCP first. After a completed close handshake the peer sends nothing
                // more, so no drain is needed; otherwise unread bytes are drained (bounded) so the FIN is not turned into RST.
                var handshakeDone = _connection is { CloseReceivedFromPeer: true, CloseSent: true, Failure: null };
                await TransportCloser.CloseGracefullyAsync(_socket, _stream, handshakeDone ? TimeSpan.Zero : _options.CloseTimeout);
            }
            else
            {
                Abort();
            }

            if (_holdsSlot)
            {
                _settings.Admission.Closed();
            }

            LogOutcome();
            _deadline.Dispose();
        }
    }

    private void LogOutcome()
    {
        var connection = _connection;
        if (connection is null || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        string outcome;
        if (connection.Failure is { } failure)
        {
            outcome = $"failed with {failure.CloseCode} ({failure.Section})";
        }
        else if (_peerClose is { } close)
        {
            var code = close.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status (1005)";
            outcome = connection.CloseSent && connection.CloseReceivedFromPeer
                ? $"close handshake done, peer code {code}"
                : $"peer code {code}";
        }
        else
        {
            outcome = connection.CloseSent ? "no close reply (1006)" : "abnormal closure (1006)";
        }

        TransportLog.Closed(_logger, _id, outcome);
    }
}
