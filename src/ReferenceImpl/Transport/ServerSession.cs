using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Microsoft.Extensions.Logging;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// One accepted connection of the <see cref="ReferenceServer"/>: TLS (for wss), the opening handshake (RFC 6455 4.2),
/// then the echo loop over the sans-I/O <see cref="WebSocketConnection"/>, then the TCP close.
/// </summary>
internal sealed class ServerSession
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly long _id;
    private readonly Socket _socket;
    private readonly string _remote;
    private readonly ReferenceServerOptions _options;
    private readonly ServerHandshakeOptions _handshakeOptions;
    private readonly X509Certificate2? _certificate;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _handshakeTimeout = new();
    private readonly Lock _timerLock = new();
    private readonly CancellationTokenSource _writeTimeout = new();
    private CancellationTokenSource _readTimeout = new();
    private DateTime? _closeDeadline;
    private Stream? _stream;
    private volatile WebSocketConnection? _connection;
    private volatile bool _shutdownRequested;
    private CloseReceived? _peerClose;

    public ServerSession(long id, Socket socket, ReferenceServerOptions options, ServerHandshakeOptions handshakeOptions, X509Certificate2? certificate, ILogger logger)
    {
        _id = id;
        _socket = socket;
        _remote = socket.RemoteEndPoint?.ToString() is { Length: > 0 } remote ? remote : "unix socket";
        _options = options;
        _handshakeOptions = handshakeOptions;
        _certificate = certificate;
        _logger = logger;
    }

    public long Id => _id;

    /// <summary>The session's whole life; it never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>
    /// Graceful shutdown: an open connection is sent close 1001 "going away" (RFC 6455 7.4.1) and its reply awaited for
    /// <see cref="ReferenceServerOptions.CloseTimeout"/>; a connection still in its handshake is dropped.
    /// </summary>
    public async Task RequestShutdownAsync()
    {
        _shutdownRequested = true;
        if (Completion.IsCompleted)
        {
            return;
        }

        if (_connection is null)
        {
            try
            {
                await _handshakeTimeout.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The session ended meanwhile.
            }

            return;
        }

        await StartCloseAsync(CloseCode.GoingAway, "server shutting down");
    }

    /// <summary>Closes the socket at once; pending reads and writes end with an exception.</summary>
    public void Abort() => TransportCloser.Abort(_socket, _stream);

    private async Task RunAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(ReadBufferSize, _options.HandshakeLimits.MaxHeadBytes));
        var closeGracefully = true;
        try
        {
            TransportLog.Accepted(_logger, _id, _remote);
            if (await HandshakeAsync(buffer))
            {
                await ServeAsync(buffer);
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

            ArrayPool<byte>.Shared.Return(buffer);
            LogOutcome();
            lock (_timerLock)
            {
                _handshakeTimeout.Dispose();
                _readTimeout.Dispose();
                _writeTimeout.Dispose();
            }
        }
    }

    /// <summary>TLS, then reads the request head and answers it (RFC 6455 4.2). True when the connection is open.</summary>
    private async Task<bool> HandshakeAsync(byte[] buffer)
    {
        // The whole opening handshake, TLS included, must finish within HandshakeTimeout.
        _handshakeTimeout.CancelAfter(_options.HandshakeTimeout);
        if (_shutdownRequested)
        {
            return false;
        }

        var token = _handshakeTimeout.Token;
        try
        {
            _stream = await OpenStreamAsync(token);
            if (_stream is null)
            {
                return false;
            }

            var filled = 0;
            while (true)
            {
                var read = await _stream.ReadAsync(buffer.AsMemory(filled), token);
                if (read == 0)
                {
                    TransportLog.HandshakeEof(_logger, _id);
                    return false;
                }

                filled += read;
                switch (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, filled), _options.HandshakeLimits, out var headLength))
                {
                    case HeadReadStatus.NeedMoreData:
                        continue;
                    case HeadReadStatus.TooLarge:
                        // RFC 6585 5: a head beyond the limit is answered 431.
                        var tooLarge = $"The request head exceeds {_options.HandshakeLimits.MaxHeadBytes} bytes (RFC 6585 5).";
                        TransportLog.HandshakeRejected(_logger, _id, 431, tooLarge);
                        await _stream.WriteAsync(PlainResponse(431, "Request Header Fields Too Large", tooLarge), token);
                        return false;
                    default:
                        return await AnswerAsync(buffer, headLength, filled, token);
                }
            }
        }
        catch (OperationCanceledException) when (_handshakeTimeout.IsCancellationRequested)
        {
            if (!_shutdownRequested)
            {
                TransportLog.HandshakeTimedOut(_logger, _id, _options.HandshakeTimeout);
            }

            return false;
        }
    }

    private async Task<Stream?> OpenStreamAsync(CancellationToken token)
    {
        var network = new NetworkStream(_socket, ownsSocket: false);
        if (_certificate is null)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = false }, token);
            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            TransportLog.TlsFailed(_logger, _id, exception.Message);
            await ssl.DisposeAsync();
            return null;
        }
    }

    private async Task<bool> AnswerAsync(byte[] buffer, int headLength, int filled, CancellationToken token)
    {
        var stream = _stream!;
        var result = ServerHandshake.Evaluate(buffer.AsSpan(0, headLength), _handshakeOptions);
        await stream.WriteAsync(result.ResponseBytes, token);
        if (result is ServerHandshakeResult.Rejected rejected)
        {
            // RFC 6455 4.2.1: a request that is not a valid handshake gets an HTTP error and the connection closes.
            TransportLog.HandshakeRejected(_logger, _id, rejected.StatusCode, rejected.Reason);
            return false;
        }

        var accepted = (ServerHandshakeResult.Accepted)result;
        var deflate = PerMessageDeflateParameters.FromServerResponse(accepted.AcceptedExtensions);
        TransportLog.Opened(_logger, _id, accepted.Request.Target, _remote, accepted.SelectedSubprotocol ?? "(none)", deflate?.ToString() ?? "(none)");
        // RFC 7692 7.1: the response's parameters are what the connection compresses and inflates with.
        var connection = new WebSocketConnection(_options.ConnectionOptions with { Role = Role.Server, PerMessageDeflate = deflate });
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _connection = connection;
            // Bytes after the head in the same read are the first WebSocket bytes (RFC 6455 4.2.2: sent after the 101).
            Process(buffer.AsSpan(headLength, filled - headLength));
            if (_shutdownRequested && connection.State == ConnectionState.Open)
            {
                SendClose(CloseCode.GoingAway, "server shutting down");
            }

            await FlushAsync();
        }
        finally
        {
            _gate.Release();
        }

        return true;
    }

    /// <summary>The echo loop: read, process frame by frame, write, until the connection says to close TCP.</summary>
    private async Task ServeAsync(byte[] buffer)
    {
        var connection = _connection!;
        var stream = _stream!;
        while (!connection.ShouldCloseTransport)
        {
            var token = ArmReadTimeout(out var closing);
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(0, ReadBufferSize), token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                if (closing || _closeDeadline is not null)
                {
                    // RFC 6455 7.1.1: after waiting a while for the peer's close, the server closes TCP anyway.
                    TransportLog.CloseTimedOut(_logger, _id, _options.CloseTimeout);
                    return;
                }

                ReplaceReadTimeout();
                await StartCloseAsync(CloseCode.GoingAway, "idle timeout");
                continue;
            }

            await _gate.WaitAsync(CancellationToken.None);
            try
            {
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
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Feeds received bytes, answering each frame's events before the core reads the next frame (wire order).</summary>
    private void Process(ReadOnlySpan<byte> data)
    {
        var connection = _connection!;
        while (!data.IsEmpty)
        {
            data = data[connection.ReceiveData(data)..];
            Drain();
        }
    }

    private void Drain()
    {
        var connection = _connection!;
        while (connection.TryDequeueEvent(out var connectionEvent))
        {
            switch (connectionEvent)
            {
                case MessageReceived message when !connection.CloseSent:
                    // The reference server echoes every message with its kind and payload.
                    connection.SendMessage(message.Kind, message.Payload);
                    TransportLog.MessageEchoed(_logger, _id, message.Kind, message.Payload.Length, message.Compressed ? $"inflated from {message.WireLength} bytes" : "uncompressed");
                    break;
                case MessageReceived message:
                    // RFC 6455 5.5.1: no data frames after a close frame was sent.
                    TransportLog.MessageDropped(_logger, _id, message.Kind, message.Payload.Length);
                    break;
                case PingReceived ping:
                    // RFC 6455 5.5.2: the core answers with a pong itself.
                    TransportLog.Ping(_logger, _id, ping.Payload.Length);
                    break;
                case PongReceived pong:
                    TransportLog.Pong(_logger, _id, pong.Payload.Length);
                    break;
                case CloseReceived close:
                    _peerClose = close;
                    TransportLog.CloseReceived(_logger, _id, close.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", close.Reason);
                    break;
                case ConnectionFailed failed:
                    TransportLog.Failed(_logger, _id, failed.Violation.CloseCode, failed.Violation.ToString());
                    break;
                case TransportClosedAbnormally:
                    TransportLog.TransportEnded(_logger, _id, "EOF before the close handshake (1006)");
                    break;
            }
        }
    }

    private async Task StartCloseAsync(ushort code, string reason)
    {
        if (!await _gate.WaitAsync(_options.CloseTimeout))
        {
            Abort();
            return;
        }

        try
        {
            var connection = _connection;
            if (connection is not null && connection.State == ConnectionState.Open)
            {
                SendClose(code, reason);
                await FlushAsync();
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Queues a close frame and starts the close timer (call under the gate).</summary>
    private void SendClose(ushort code, string reason)
    {
        _connection!.SendClose(code, reason);
        TransportLog.CloseSent(_logger, _id, code, reason);
        lock (_timerLock)
        {
            _closeDeadline = DateTime.UtcNow + _options.CloseTimeout;
            _readTimeout.CancelAfter(_options.CloseTimeout);
        }
    }

    /// <summary>Arms the read timer: the idle timeout while open, the rest of the close timeout once a close was sent.</summary>
    private CancellationToken ArmReadTimeout(out bool closing)
    {
        lock (_timerLock)
        {
            closing = _closeDeadline is not null;
            var timeout = _closeDeadline is { } deadline ? deadline - DateTime.UtcNow : _options.IdleTimeout;
            _readTimeout.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            return _readTimeout.Token;
        }
    }

    private void ReplaceReadTimeout()
    {
        lock (_timerLock)
        {
            _readTimeout.Dispose();
            _readTimeout = new CancellationTokenSource();
        }
    }

    /// <summary>Writes pending output, bounded by the idle timeout (the close timeout once closing).</summary>
    private async ValueTask FlushAsync()
    {
        var connection = _connection!;
        if (connection.PendingOutput.IsEmpty)
        {
            return;
        }

        _writeTimeout.CancelAfter(connection.CloseSent ? _options.CloseTimeout : _options.IdleTimeout);
        await ConnectionOutput.FlushAsync(connection, _stream!, _writeTimeout.Token);
        _writeTimeout.TryReset();
    }

    private void LogOutcome()
    {
        var connection = _connection;
        if (connection is null)
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

    private static ReadOnlyMemory<byte> PlainResponse(int status, string phrase, string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body + "\n");
        var head = $"HTTP/1.1 {status} {phrase}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\n\r\n";
        return Encoding.ASCII.GetBytes(head).Concat(bodyBytes).ToArray();
    }

    /// <summary>Answers 503 to a client beyond the connection limit and closes.</summary>
    public static async Task RefuseBusyAsync(Socket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await socket.SendAsync(PlainResponse(503, "Service Unavailable", "Too many connections; try again later."), SocketFlags.None, cancel.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Best effort.
        }

        await TransportCloser.CloseGracefullyAsync(socket, null, timeout);
    }
}
