using System.Net.Sockets;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// One open WebSocket connection of the load generator: the socket, its stream and the core's client-role state machine
/// (RFC 6455 framing, masking and permessage-deflate all come from the core; nothing is re-implemented here).
/// </summary>
internal sealed class BenchConnection : IAsyncDisposable
{
    private const int HeadBufferSize = 16 * 1024;

    private BenchConnection(Socket socket, Stream stream, WebSocketConnection connection, ClientHandshakeResult.Accepted accepted, byte[] leftover)
    {
        Socket = socket;
        Stream = stream;
        Connection = connection;
        Accepted = accepted;
        Leftover = leftover;
    }

    public Socket Socket { get; }

    public Stream Stream { get; }

    public WebSocketConnection Connection { get; }

    public ClientHandshakeResult.Accepted Accepted { get; }

    /// <summary>Bytes the server sent right after its 101 (its first frames).</summary>
    public byte[] Leftover { get; }

    /// <summary>Connects and completes the opening handshake (RFC 6455 4.1).</summary>
    /// <exception cref="BenchConnectException">Any failure, with a short kind for the error table.</exception>
    public static async Task<BenchConnection> OpenAsync(WebSocketAddress address, BenchClientOptions options, bool deflate, Func<IMessageSink>? sink, CancellationToken cancellationToken)
    {
        var handshake = ClientHandshake.Create(new ClientHandshakeOptions
        {
            Host = address.HostHeader,
            Path = address.Resource,
            Origin = options.Origin,
            Subprotocols = options.Subprotocols,
            ExtraHeaders = options.ExtraHeaders,
            Extensions = deflate ? new PerMessageDeflateOptions().ToOffer().ToString() : null,
        });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        Socket? socket = null;
        Stream? stream = null;
        try
        {
            try
            {
                (socket, stream) = await ClientTransport.ConnectAsync(address, options.InsecureTls, options.CaFile, timeout.Token);
            }
            catch (SocketException exception)
            {
                throw new BenchConnectException($"connect: {exception.SocketErrorCode}", exception.Message);
            }

            await stream.WriteAsync(handshake.RequestBytes, timeout.Token);
            var buffer = new byte[Math.Max(HeadBufferSize, HandshakeLimits.Default.MaxHeadBytes)];
            int headLength;
            int filled;
            try
            {
                (headLength, filled) = await ResponseHeadReader.ReadAsync(stream, buffer, HandshakeLimits.Default, timeout.Token);
            }
            catch (WebSocketHandshakeException exception)
            {
                throw new BenchConnectException("handshake: no complete response", exception.Message);
            }

            var result = handshake.Validate(buffer.AsSpan(0, headLength));
            if (result is ClientHandshakeResult.Failed failed)
            {
                // RFC 6455 4.1: the client fails the connection; a busy server's 503 is its own kind.
                var kind = failed.StatusCode is { } code and not 101 ? $"handshake: HTTP {code}" : "handshake: invalid response";
                throw new BenchConnectException(kind, failed.Reason);
            }

            var accepted = (ClientHandshakeResult.Accepted)result;
            var connection = new WebSocketConnection(new ConnectionOptions
            {
                Role = Role.Client,
                PerMessageDeflate = accepted.PerMessageDeflate,
                DeflateLevel = MessageDeflater.FastestLevel,
                MessageSink = sink,
            });
            return new BenchConnection(socket, stream, connection, accepted, buffer[headLength..filled]);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Abort(socket, stream);
            throw new BenchConnectException("handshake: timeout", $"connect and handshake did not finish within {options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            Abort(socket, stream);
            throw new BenchConnectException("handshake: connection lost", exception.Message);
        }
        catch
        {
            Abort(socket, stream);
            throw;
        }
    }

    /// <summary>Writes what the core queued (messages, pongs, close) to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        while (Connection.PendingOutput is { IsEmpty: false } pending)
        {
            await Stream.WriteAsync(pending, cancellationToken);
            Connection.AcknowledgeOutput(pending.Length);
        }
    }

    /// <summary>Drops the connection at once (RST): pending reads and writes end with an exception.</summary>
    public void Abort() => Abort(Socket, Stream);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stream.DisposeAsync();
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Closed below either way.
        }

        Socket.Dispose();
    }

    private static void Abort(Socket? socket, Stream? stream)
    {
        try
        {
            if (socket is not null)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        stream?.Dispose();
        socket?.Dispose();
    }
}

/// <summary>Connecting or the opening handshake failed; <see cref="Kind"/> is the short text counted in the error table.</summary>
public sealed class BenchConnectException(string kind, string detail) : Exception($"{kind}: {detail}")
{
    public string Kind { get; } = kind;
}
