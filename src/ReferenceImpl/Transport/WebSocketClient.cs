using System.Net.Sockets;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// A WebSocket client over the sans-I/O core (<see cref="Role.Client"/>): ws://, wss:// and ws+unix:// (see
/// <see cref="WebSocketAddress"/> for the Unix URL form). Sends may run alongside one pending
/// <see cref="ReceiveAsync"/>; receives are not concurrent with each other or with <see cref="CloseAsync"/>.
/// Pings from the server are answered by the core and not reported.
/// </summary>
public sealed class WebSocketClient : IAsyncDisposable
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly WebSocketConnection _connection;
    private readonly WebSocketClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _reader = new(1, 1);
    private readonly byte[] _buffer = new byte[ReadBufferSize];
    private readonly Queue<ClientEvent> _events = new();
    private ClientEvent.Closed? _closed;
    private bool _eof;
    private int _disposed;

    private WebSocketClient(Socket socket, Stream stream, WebSocketClientOptions options, ClientHandshakeResult.Accepted handshake)
    {
        _socket = socket;
        _stream = stream;
        _options = options;
        // RFC 7692 7.1: the agreed parameters decide how this end compresses and inflates.
        _connection = new WebSocketConnection(options.ConnectionOptions with { Role = Role.Client, PerMessageDeflate = handshake.PerMessageDeflate });
        Subprotocol = handshake.Subprotocol;
        Extensions = handshake.Extensions;
        Response = handshake.Response;
    }

    /// <summary>The subprotocol the server chose, or null.</summary>
    public string? Subprotocol { get; }

    /// <summary>The extensions the server accepted, as its Sec-WebSocket-Extensions listed them.</summary>
    public IReadOnlyList<ExtensionOffer> Extensions { get; }

    /// <summary>The permessage-deflate agreement (RFC 7692 7.1), or null when it was not offered or not accepted.</summary>
    public PerMessageDeflateParameters? PerMessageDeflate => _connection.PerMessageDeflate;

    /// <summary>The server's 101 response.</summary>
    public HandshakeResponse Response { get; }

    /// <summary>The connection's state (RFC 6455 section 7).</summary>
    public ConnectionState State => _connection.State;

    /// <summary>Connects, performs the opening handshake (RFC 6455 4.1) and returns the open client.</summary>
    /// <exception cref="WebSocketHandshakeException">The server refused or answered an invalid handshake; the message has the status and reason.</exception>
    /// <exception cref="TimeoutException">Connect, TLS and handshake did not finish within <see cref="WebSocketClientOptions.ConnectTimeout"/>.</exception>
    public static async Task<WebSocketClient> ConnectAsync(Uri uri, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = WebSocketAddress.Parse(uri);
        var handshake = ClientHandshake.Create(new ClientHandshakeOptions
        {
            Host = address.HostHeader,
            Path = address.Resource,
            Origin = options.Origin,
            Subprotocols = options.Subprotocols,
            ExtraHeaders = options.ExtraHeaders,
            Limits = options.HandshakeLimits,
            Extensions = options.PerMessageDeflate?.ToOffer().ToString(),
        });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        Socket? socket = null;
        Stream? stream = null;
        try
        {
            (socket, stream) = await ClientTransport.ConnectAsync(address, options.AllowUntrustedCertificate, options.CaCertificatePemPath, timeout.Token);
            await stream.WriteAsync(handshake.RequestBytes, timeout.Token);
            var buffer = new byte[Math.Max(ReadBufferSize, options.HandshakeLimits.MaxHeadBytes)];
            var (headLength, filled) = await ResponseHeadReader.ReadAsync(stream, buffer, options.HandshakeLimits, timeout.Token);
            var result = handshake.Validate(buffer.AsSpan(0, headLength));
            if (result is ClientHandshakeResult.Failed failed)
            {
                // RFC 6455 4.1: the client MUST fail the WebSocket connection.
                throw new WebSocketHandshakeException(failed.StatusCode, failed.Reason);
            }

            var client = new WebSocketClient(socket, stream, options, (ClientHandshakeResult.Accepted)result);
            // Bytes after the 101 head are the server's first frames.
            client.Process(buffer.AsSpan(headLength, filled - headLength));
            await client.FlushAsync(timeout.Token);
            return client;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Abort(socket, stream);
            throw new TimeoutException($"connecting to {uri} did not complete within {options.ConnectTimeout}");
        }
        catch
        {
            Abort(socket, stream);
            throw;
        }
    }

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(connection => connection.SendText(text), cancellationToken);

    public Task SendBinaryAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        SendAsync(connection => connection.SendBinary(data.Span), cancellationToken);

    /// <summary>Sends one message as several frames, each written as soon as it is built (RFC 6455 5.4).</summary>
    public async Task SendFragmentedAsync(MessageKind kind, IReadOnlyList<ReadOnlyMemory<byte>> fragments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        if (fragments.Count == 0)
        {
            throw new ArgumentException("a message has at least one fragment", nameof(fragments));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < fragments.Count; i++)
            {
                _connection.SendFragment(kind, fragments[i].Span, endOfMessage: i == fragments.Count - 1);
                await FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a ping (at most 125 bytes, RFC 6455 5.5); its pong arrives through <see cref="ReceiveAsync"/>.</summary>
    public Task PingAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        SendAsync(connection => connection.SendPing(payload.Span), cancellationToken);

    /// <summary>
    /// The next message, pong, or the end of the connection. Once the connection ended, returns the same
    /// <see cref="ClientEvent.Closed"/> on every call.
    /// </summary>
    public async Task<ClientEvent> ReceiveAsync(CancellationToken cancellationToken)
    {
        await _reader.WaitAsync(cancellationToken);
        try
        {
            return await ReceiveCoreAsync(cancellationToken);
        }
        finally
        {
            _reader.Release();
        }
    }

    /// <summary>
    /// The close handshake (RFC 6455 7.1.2): sends a close frame with <paramref name="code"/> and <paramref name="reason"/>
    /// (unless one was sent), reads until the server's close (skipping messages and pongs), waits for the server to close
    /// TCP (RFC 6455 7.1.1), and closes the socket. Each wait is bounded by <see cref="WebSocketClientOptions.CloseTimeout"/>.
    /// Returns the server's close (or a 1006 <see cref="ClientEvent.Closed"/> when none came).
    /// </summary>
    public async Task<ClientEvent.Closed> CloseAsync(ushort code, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection.State == ConnectionState.Open)
            {
                _connection.SendClose(code, reason);
                await FlushAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            // The server is gone; what it sent before still counts.
        }
        finally
        {
            _gate.Release();
        }

        await _reader.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.CloseTimeout);
            ClientEvent.Closed closed;
            try
            {
                while (true)
                {
                    if (await ReceiveCoreAsync(timeout.Token) is ClientEvent.Closed end)
                    {
                        closed = end;
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                closed = new ClientEvent.Closed(CloseCode.AbnormalClosure, $"no close frame from the server within {_options.CloseTimeout}") { Clean = false };
                _closed ??= closed;
            }

            if (_connection is { CloseReceivedFromPeer: true, Failure: null })
            {
                await WaitForServerEofAsync(cancellationToken);
            }

            Abort(_socket, _stream);
            return closed;
        }
        finally
        {
            _reader.Release();
        }
    }

    /// <summary>
    /// Closes the socket. After a completed close handshake it first waits (bounded) for the server to close TCP;
    /// an open connection is closed without a close handshake (use <see cref="CloseAsync"/> for that).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // RFC 6455 7.1.1: after a close handshake the client lets the server close TCP first; after a failure (7.1.7) it closes at once.
        if (_connection is { CloseReceivedFromPeer: true, CloseSent: true, Failure: null } && !_eof && await _reader.WaitAsync(TimeSpan.Zero))
        {
            try
            {
                await WaitForServerEofAsync(CancellationToken.None);
            }
            finally
            {
                _reader.Release();
            }
        }

        Abort(_socket, _stream);
    }

    private async Task<ClientEvent> ReceiveCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_events.TryDequeue(out var next))
            {
                return next;
            }

            if (_closed is not null)
            {
                return _closed;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                // A reset is the end of the transport, as EOF is.
                read = 0;
            }

            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                if (read == 0)
                {
                    _eof = true;
                    // RFC 6455 7.1.5: the transport closed before the close handshake: 1006.
                    _connection.ReceiveEof();
                    Collect();
                }
                else
                {
                    Process(_buffer.AsSpan(0, read));
                }

                await FlushAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                // The server stopped reading; what it sent is still reported.
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private void Process(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[_connection.ReceiveData(data)..];
            Collect();
        }
    }

    private void Collect()
    {
        while (_connection.TryDequeueEvent(out var connectionEvent))
        {
            ClientEvent? clientEvent = connectionEvent switch
            {
                MessageReceived message => new ClientEvent.Message(message.Kind, message.Payload) { Compressed = message.Compressed, WireLength = message.WireLength },
                PongReceived pong => new ClientEvent.Pong(pong.Payload),
                CloseReceived close => _closed ??= new ClientEvent.Closed(close.Code, close.Reason),
                // RFC 6455 7.1.7: the core sent the close frame the rule calls for.
                ConnectionFailed failed => _closed ??= new ClientEvent.Closed(failed.Violation.CloseCode, failed.Violation.ToString()) { Clean = false, Violation = failed.Violation },
                TransportClosedAbnormally => _closed ??= new ClientEvent.Closed(CloseCode.AbnormalClosure, "the connection closed without a close frame") { Clean = false },
                _ => null,
            };
            if (clientEvent is ClientEvent.Message or ClientEvent.Pong)
            {
                _events.Enqueue(clientEvent);
            }
        }
    }

    /// <summary>RFC 6455 7.1.1: after the close handshake the client waits for the server to close TCP first.</summary>
    private async Task WaitForServerEofAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CloseTimeout);
        try
        {
            while (!_eof)
            {
                if (await _stream.ReadAsync(_buffer, timeout.Token) == 0)
                {
                    _eof = true;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Bounded wait; the socket is closed by the caller anyway.
        }
    }

    private async Task SendAsync(Action<WebSocketConnection> send, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            send(_connection);
            await FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ValueTask FlushAsync(CancellationToken cancellationToken) => ConnectionOutput.FlushAsync(_connection, _stream, cancellationToken);

    private static void Abort(Socket? socket, Stream? stream)
    {
        if (socket is not null)
        {
            TransportCloser.Abort(socket, stream);
        }
    }
}
