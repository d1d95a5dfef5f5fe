using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Serving;

/// <summary>What a <see cref="CaseServer"/> listens on and how it runs cases.</summary>
public sealed record CaseServerOptions
{
    /// <summary>ws://, wss:// or ws+unix:// (loopback only); port 0 picks one.</summary>
    public required Uri Listen { get; init; }

    /// <summary>PEM certificate and key for wss; without them a self-signed localhost certificate is made.</summary>
    public string? CertificatePemPath { get; init; }

    public string? KeyPemPath { get; init; }

    /// <summary>Timeouts and limits of each case (its Target is unused).</summary>
    public required RunOptions Run { get; init; }

    /// <summary>Cases an agent skips (Autobahn's exclude-agent-cases): the connection is accepted and closed, no result.</summary>
    public Func<string, CaseDefinition, bool>? Excludes { get; init; }

    /// <summary>The Server header of every response.</summary>
    public string ServerHeader { get; init; } = "wsconform";
}

/// <summary>
/// The harness as a WebSocket server that tests the clients connecting to it, driven by Autobahn's fuzzingserver control
/// protocol (<see cref="ControlRequest"/>): every <c>/runCase</c> connection runs one case with the harness as the server;
/// <c>/updateReports</c> writes the reports; <c>/stopServer</c> (or <c>shutdownOnComplete</c>) stops it. Connections run
/// concurrently, so several agents can be tested at once.
/// </summary>
public sealed class CaseServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CaseServerOptions _options;
    private readonly ServedCases _cases;
    private readonly AgentResults _results;
    private readonly Func<string, CancellationToken, Task> _updateReports;
    private readonly X509Certificate2? _certificate;
    private readonly ClientCaseRunner _runner;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<string> _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly ConcurrentDictionary<Task, string> _runningCases = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _nextId;

    private CaseServer(Socket listener, Uri endpoint, CaseServerOptions options, ServedCases cases, AgentResults results, Func<string, CancellationToken, Task> updateReports, X509Certificate2? certificate)
    {
        _listener = listener;
        Endpoint = endpoint;
        _options = options;
        _cases = cases;
        _results = results;
        _updateReports = updateReports;
        _certificate = certificate;
        _runner = new ClientCaseRunner(options.Run, options.ServerHeader);
    }

    /// <summary>Where clients connect.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The base URL a driver appends /getCaseCount to: ws://127.0.0.1:9001 (no trailing slash, as Autobahn's drivers
    /// expect), or ws+unix:///path.sock: for a Unix socket (the resource follows the colon).
    /// </summary>
    public string BaseUrl => Endpoint.Scheme.EndsWith("+unix", StringComparison.Ordinal) ? $"{Endpoint.ToString().TrimEnd('/')}:" : Endpoint.ToString().TrimEnd('/');

    /// <summary>Completes with why, when a driver asked the server to stop.</summary>
    public Task<string> StopRequested => _stopRequested.Task;

    /// <summary>A case finished: the agent, the case, its verdicts.</summary>
    public event Action<string, CaseDefinition, CaseResult>? CaseFinished;

    /// <exception cref="ArgumentException">The listen URL is not ws/wss/ws+unix on loopback.</exception>
    /// <exception cref="SocketException">The address is in use.</exception>
    public static CaseServer Start(CaseServerOptions options, ServedCases cases, AgentResults results, Func<string, CancellationToken, Task> updateReports)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = WebSocketAddress.ParseListen(options.Listen);
        var certificate = TlsCertificates.ForListening(address, options.CertificatePemPath, options.KeyPemPath);

        var (listener, endpoint) = ListeningSocket.Bind(address);
        var server = new CaseServer(listener, endpoint, options, cases, results, updateReports, certificate);
        server._acceptLoop = Task.Run(server.AcceptLoopAsync);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        await Task.WhenAll(_connections.Values);
        _certificate?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(50);
                continue;
            }

            if (socket.AddressFamily != AddressFamily.Unix)
            {
                socket.NoDelay = true;
            }

            var id = Interlocked.Increment(ref _nextId);
            _connections[id] = Task.Run(async () =>
            {
                await ServeAsync(socket);
                _connections.TryRemove(id, out _);
            });
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var started = _options.Run.Time.GetTimestamp();
        TimeSpan Elapsed() => _options.Run.Time.GetElapsedTime(started);
        var wire = new WireLog(Elapsed);
        wire.Add(new TcpEntry(TcpEventKind.Connected, socket.RemoteEndPoint?.ToString() ?? "a client"));
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        opening.CancelAfter(_options.Run.OpenHandshakeTimeout);
        var stream = await OpenStreamAsync(socket, wire, opening.Token);
        if (stream is null)
        {
            socket.Dispose();
            return;
        }

        await using var connection = TargetConnection.Accepted(socket, stream);
        try
        {
            var (head, after) = await ReadHeadAsync(connection.Stream, opening.Token);
            if (head is not null)
            {
                await RouteAsync(connection, head, after, wire, Elapsed);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A client that left, or never finished its request: nothing to judge, no case was named.
        }
    }

    /// <summary>The byte stream of an accepted socket: TLS on top for wss (null when the TLS handshake failed).</summary>
    private async Task<Stream?> OpenStreamAsync(Socket socket, WireLog wire, CancellationToken cancellationToken)
    {
        var stream = new NetworkStream(socket, ownsSocket: false);
        if (_certificate is null)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, cancellationToken);
            wire.Add(new TcpEntry(TcpEventKind.TlsEstablished));
            return ssl;
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
        {
            await ssl.DisposeAsync();
            return null;
        }
    }

    private async Task RouteAsync(TargetConnection connection, byte[] head, byte[] after, WireLog wire, Func<TimeSpan> elapsed)
    {
        var target = RequestTarget(head);
        var request = ControlRequest.Parse(target);
        var token = _stopping.Token;
        switch (request.Endpoint)
        {
            case ControlEndpoint.GetCaseCount:
                await ControlChannel.AnswerAsync(connection, head, _cases.List.Count.ToString(CultureInfo.InvariantCulture), _options.ServerHeader, token);
                break;
            case ControlEndpoint.GetCaseInfo:
                await ControlChannel.AnswerAsync(connection, head, CaseInfo(request), _options.ServerHeader, token);
                break;
            case ControlEndpoint.GetCaseStatus:
                await ControlChannel.AnswerAsync(connection, head, CaseStatus(request), _options.ServerHeader, token);
                break;
            case ControlEndpoint.UpdateReports:
                // A driver asks as soon as its last case's connection closed; the harness may still be judging it.
                await CasesFinishedAsync(request.AgentName);
                await _updateReports(request.AgentName, token);
                await ControlChannel.AnswerAsync(connection, head, null, _options.ServerHeader, token);
                if (request.ShutdownOnComplete)
                {
                    _stopRequested.TrySetResult($"/updateReports?agent={request.AgentName}&shutdownOnComplete=true");
                }

                break;
            case ControlEndpoint.StopServer:
                await CasesFinishedAsync(null);
                await ControlChannel.AnswerAsync(connection, head, null, _options.ServerHeader, token);
                _stopRequested.TrySetResult("/stopServer");
                break;
            case ControlEndpoint.RunCase:
                await RunCaseAsync(connection, request, head, after, wire, elapsed, target);
                break;
            default:
                await ControlChannel.NotFoundAsync(connection, target, token);
                break;
        }
    }

    private async Task RunCaseAsync(TargetConnection connection, ControlRequest request, byte[] head, byte[] after, WireLog wire, Func<TimeSpan> elapsed, string target)
    {
        var (definition, problem) = _cases.Find(request);
        if (definition is null)
        {
            await ControlChannel.NotFoundAsync(connection, $"{target} ({problem})", _stopping.Token);
            return;
        }

        if (_options.Excludes?.Invoke(request.AgentName, definition) == true)
        {
            await ControlChannel.AnswerAsync(connection, head, null, _options.ServerHeader, _stopping.Token);
            return;
        }

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runningCases[finished.Task] = request.AgentName;
        try
        {
            wire.Add(new HandshakeEntry(WireDirection.Received, Encoding.Latin1.GetString(head)), elapsed());
            var observation = await _runner.RunAsync(definition, connection, new AcceptedRequest(head, after, wire, elapsed), _stopping.Token);
            if (observation.Cancelled)
            {
                return;
            }

            var result = Judge.Evaluate(definition, observation, _options.Run.MaxMessageSize);
            _results.Add(request.AgentName, definition, result);
            CaseFinished?.Invoke(request.AgentName, definition, result);
        }
        finally
        {
            _runningCases.TryRemove(finished.Task, out _);
            finished.SetResult();
        }
    }

    /// <summary>Waits (bounded by a case's hard cap) for the agent's cases still running (null: every agent's).</summary>
    private async Task CasesFinishedAsync(string? agent)
    {
        var running = _runningCases.Where(pair => agent is null || pair.Value == agent).Select(pair => pair.Key).ToArray();
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(_options.Run.CaseTimeout + TimeSpan.FromSeconds(10), _stopping.Token));
    }

    private string CaseInfo(ControlRequest request)
    {
        var (definition, problem) = _cases.Find(request);
        return definition is null
            ? JsonSerializer.Serialize(new { error = problem })
            : JsonSerializer.Serialize(new { id = definition.Autobahn ?? definition.Id, wsconformId = definition.Id, description = definition.Stimulus, expectation = definition.Requirement });
    }

    private string CaseStatus(ControlRequest request)
    {
        var (definition, problem) = _cases.Find(request);
        if (definition is null)
        {
            return JsonSerializer.Serialize(new { error = problem });
        }

        var result = _results.Find(request.AgentName, definition.Id);
        return JsonSerializer.Serialize(new { behavior = result?.Verdict.ToAutobahn() ?? "MISSING", behaviorClose = result?.CloseVerdict.ToAutobahn() ?? "MISSING" });
    }

    /// <summary>Reads up to the end of the request head; null when the client left or sent no HTTP head (then it was answered).</summary>
    private static async Task<(byte[]? Head, byte[] After)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var limits = HandshakeLimits.Default;
        var buffer = new byte[8192];
        var length = 0;
        while (true)
        {
            switch (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, length), limits, out var headLength))
            {
                case HeadReadStatus.Complete:
                    return (buffer[..headLength], buffer[headLength..length]);
                case HeadReadStatus.NeedMoreData:
                    break;
                default:
                    var refusal = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
                    await stream.WriteAsync(refusal, cancellationToken);
                    return (null, []);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (null, []);
            }

            length += read;
        }
    }

    /// <summary>The request-target of the request line ("GET /runCase?case=1 HTTP/1.1"), or "/" when it has none.</summary>
    private static string RequestTarget(byte[] head)
    {
        var line = Encoding.Latin1.GetString(head, 0, Math.Max(0, Array.IndexOf(head, (byte)'\r')));
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[1] : "/";
    }
}
