using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// The reference echo server: accepts WebSocket connections on a loopback TCP port (ws, wss) or a Unix domain socket,
/// echoes every message with its kind and payload, answers pings (the core does), and closes as RFC 6455 section 7 says.
/// <see cref="DisposeAsync"/> is the graceful shutdown: stop accepting, send every open connection close 1001.
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ReferenceServerOptions _options;
    private readonly SessionSettings _sessionSettings;
    private readonly ConnectionAdmission _admission;
    private readonly ILogger _logger;
    private readonly string? _unixPath;
    private readonly ConcurrentDictionary<long, ServerSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _ownsCertificate;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;
    private int _disposed;

    private ReferenceServer(Socket listener, Uri endpoint, ReferenceServerOptions options, X509Certificate2? certificate, bool ownsCertificate, string? unixPath, ILogger logger)
    {
        _listener = listener;
        Endpoint = endpoint;
        _options = options;
        Certificate = certificate;
        _ownsCertificate = ownsCertificate;
        _unixPath = unixPath;
        _logger = logger;
        _admission = new ConnectionAdmission(options.MaxPendingHandshakes, options.MaxConnections, options.EvictionGrace);
        var handshakeOptions = new ServerHandshakeOptions
        {
            SupportedSubprotocols = options.Subprotocols,
            Limits = options.HandshakeLimits,
            ServerHeader = options.ServerHeader,
            // RFC 7692 5: the server chooses among the client's permessage-deflate offers here.
            ExtensionNegotiator = options.PerMessageDeflate is { } deflate ? new PerMessageDeflateNegotiator(deflate) : NoExtensionNegotiator.Instance,
        };
        _sessionSettings = new SessionSettings(options, handshakeOptions, certificate, _admission, logger);
    }

    /// <summary>The address actually listened on (the port filled in when 0 was asked), e.g. ws://127.0.0.1:40123/.</summary>
    public Uri Endpoint { get; }

    /// <summary>The TLS certificate served for wss (generated or loaded), for clients to trust; null for ws.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Connections currently served: in their handshake, open, or closing.</summary>
    public int ActiveConnections => _sessions.Count;

    /// <summary>Open connections (upgraded, until their socket is closed): what <see cref="ReferenceServerOptions.MaxConnections"/> bounds.</summary>
    public int OpenConnections => _admission.Open;

    /// <summary>Connections in their opening handshake: what <see cref="ReferenceServerOptions.MaxPendingHandshakes"/> bounds.</summary>
    public int PendingHandshakes => _admission.Pending;

    /// <summary>Binds, listens and starts accepting.</summary>
    /// <exception cref="ArgumentException">The listen URL is not ws/wss/ws+unix, or names a host that is not loopback.</exception>
    /// <exception cref="SocketException">The address is in use or cannot be bound.</exception>
    public static Task<ReferenceServer> StartAsync(ReferenceServerOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(options);
        var address = WebSocketAddress.ParseListen(options.Listen);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ReferenceServer>();

        var certificate = TlsCertificates.ForListening(address, options.CertificatePemPath, options.KeyPemPath);
        var ownsCertificate = address.IsSecure;

        Socket listener;
        Uri endpoint;
        try
        {
            (listener, endpoint) = ListeningSocket.Bind(address);
        }
        catch
        {
            certificate?.Dispose();
            throw;
        }

        var server = new ReferenceServer(listener, endpoint, options, certificate, ownsCertificate, address.UnixPath, logger);
        server._acceptLoop = Task.Run(server.AcceptLoopAsync, CancellationToken.None);
        TransportLog.Listening(logger, endpoint);
        return Task.FromResult(server);
    }

    /// <summary>
    /// Graceful shutdown: stops accepting; every open connection is sent close 1001 "going away" (RFC 6455 7.4.1) and
    /// given <see cref="ReferenceServerOptions.CloseTimeout"/> to answer before its socket is closed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;

        var sessions = _sessions.Values.ToArray();
        foreach (var session in sessions)
        {
            session.RequestShutdown();
        }

        var all = Task.WhenAll(sessions.Select(session => session.Completion));
        // Each session closes by itself within CloseTimeout (plus its TCP linger); past that, abort.
        var grace = (_options.CloseTimeout * 2) + TimeSpan.FromSeconds(1);
        if (await Task.WhenAny(all, Task.Delay(grace)) != all)
        {
            foreach (var session in sessions)
            {
                session.Abort();
            }

            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        if (_unixPath is not null)
        {
            TryDelete(_unixPath);
        }

        if (_ownsCertificate)
        {
            Certificate?.Dispose();
        }

        _stopping.Dispose();
        TransportLog.Stopped(_logger, sessions.Length);
    }

    private async Task AcceptLoopAsync()
    {
        var address = WebSocketAddress.Parse(Endpoint);
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                // E.g. out of file descriptors: log, back off, go on.
                TransportLog.AcceptFailed(_logger, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                continue;
            }

            if (address.Kind == TransportKind.Tcp)
            {
                socket.NoDelay = true;
            }

            var id = Interlocked.Increment(ref _nextId);
            if (_admission.IsFull)
            {
                // At the limit of open connections: 503 at once, without reading the request (for wss, without TLS:
                // just closed). A client whose handshake completes once the limit is reached gets 503 as its answer.
                TransportLog.TooManyConnections(_logger, id, _admission.Open, _options.MaxConnections);
                _ = address.IsSecure ? TransportCloser.CloseGracefullyAsync(socket, null, _options.CloseTimeout) : PlainResponses.RefuseBusyAsync(socket, _options.CloseTimeout);
                continue;
            }

            // Room among the pending handshakes: at their bound, the oldest goes once it has had its grace; until then no
            // more are accepted (a burst waits in the backlog rather than evicting clients not yet read).
            ServerSession? evicted;
            try
            {
                evicted = await _admission.MakeRoomAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return;
            }

            evicted?.Evict();
            var session = new ServerSession(id, socket, _sessionSettings);
            _sessions[id] = session;
            _admission.AddPending(session);
            session.Start();
            _ = session.Completion.ContinueWith(_ => _sessions.TryRemove(id, out ServerSession? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind; the next start removes it.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static void Validate(ReferenceServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Listen, nameof(options));
        ArgumentNullException.ThrowIfNull(options.ConnectionOptions, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Subprotocols, nameof(options));
        ArgumentNullException.ThrowIfNull(options.HandshakeLimits, nameof(options));
        if ((options.CertificatePemPath is null) != (options.KeyPemPath is null))
        {
            throw new ArgumentException("CertificatePemPath and KeyPemPath go together: give both or neither", nameof(options));
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero || options.IdleTimeout <= TimeSpan.Zero || options.CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("HandshakeTimeout, IdleTimeout and CloseTimeout must be positive", nameof(options));
        }

        if (options.EvictionGrace < TimeSpan.Zero)
        {
            throw new ArgumentException("EvictionGrace must not be negative", nameof(options));
        }

        options.PerMessageDeflate?.Validate();
        if (options.MaxConnections < 1 || options.MaxPendingHandshakes < 1)
        {
            throw new ArgumentException("MaxConnections and MaxPendingHandshakes must be at least 1", nameof(options));
        }
    }
}
