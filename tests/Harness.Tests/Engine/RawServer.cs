using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Tests.Engine;

/// <summary>A deliberately broken server on 127.0.0.1: each connection runs <c>handler</c> on the raw socket.</summary>
internal sealed class RawServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public RawServer(Func<Socket, CancellationToken, Task> handler)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Endpoint = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _loop = AcceptAsync(handler);
    }

    public Uri Endpoint { get; }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Stops listening: later connections are refused.</summary>
    public void StopListening() => _listener.Close();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>Reads the request head (byte by byte, so nothing after it is consumed); null when the stream ends first.</summary>
    public static async Task<string?> ReadHeadAsync(Socket socket, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await socket.ReceiveAsync(one, token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        return Encoding.Latin1.GetString([.. head]);
    }

    /// <summary>Reads the request head and answers a valid 101.</summary>
    public static async Task AcceptHandshakeAsync(Socket socket, CancellationToken token)
    {
        if (await ReadHeadAsync(socket, token) is { } head)
        {
            await AnswerHandshakeAsync(socket, head, token);
        }
    }

    /// <summary>Answers a request head already read with a valid 101.</summary>
    public static async Task AnswerHandshakeAsync(Socket socket, string head, CancellationToken token)
    {
        var key = head.Split("\r\n").First(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {AcceptKey.Compute(key)}\r\n\r\n";
        await socket.SendAsync(Encoding.Latin1.GetBytes(response), token);
    }

    /// <summary>Reads frames until one completes (null at end of stream).</summary>
    public static async Task<Frame?> ReadFrameAsync(Socket socket, FrameStreamParser parser, Queue<Frame> pending, CancellationToken token)
    {
        var buffer = new byte[4096];
        while (pending.Count == 0)
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return null;
            }

            foreach (var frame in parser.Feed(buffer.AsSpan(0, read)))
            {
                pending.Enqueue(frame);
            }
        }

        return pending.Dequeue();
    }

    public static Task SendFrameAsync(Socket socket, FrameHeader header, byte[] payload, CancellationToken token) =>
        socket.SendAsync(FrameWriter.ToBytes(header, payload), token).AsTask();

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> handler)
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                handlers.Add(Task.Run(async () =>
                {
                    using (socket)
                    {
                        await handler(socket, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                }));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(handlers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
