using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Interop.Tests.Reports;

/// <summary>
/// A WebSocket server on 127.0.0.1 that tries to inject markup and script into whatever report shows its output: its
/// Server and other headers, a text message it sends instead of an echo, and its close reason all carry HTML.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    public const string ServerHeader = "<script>window.__pwned='server'</script>";
    public const string OtherHeader = "<img src=x onerror=\"window.__pwned='header'\">";
    public const string Payload = "<script>window.__pwned='payload'</script><img src=x onerror=window.__pwned='img'>]]>";
    public const string CloseReason = "</pre><script>window.__pwned='reason'</script>";

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HostileServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Endpoint = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _loop = AcceptAsync();
    }

    public Uri Endpoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        bounded.CancelAfter(TimeSpan.FromSeconds(10));
        var token = bounded.Token;
        try
        {
            var key = await ReadKeyAsync(socket, token);
            if (key is null)
            {
                return;
            }

            var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Accept: {AcceptKey.Compute(key)}\r\nServer: {ServerHeader}\r\nX-Evil: {OtherHeader}\r\n\r\n";
            await socket.SendAsync(Encoding.UTF8.GetBytes(response), token);
            await socket.SendAsync(Frame(Opcode.Text, Encoding.UTF8.GetBytes(Payload)), token);
            var close = new byte[2 + Encoding.UTF8.GetByteCount(CloseReason)];
            close[0] = 0x03;
            close[1] = 0xE8;
            Encoding.UTF8.GetBytes(CloseReason, close.AsSpan(2));
            await socket.SendAsync(Frame(Opcode.Close, close), token);

            // Read whatever the client sends until it closes (bounded above), then drop the connection.
            var buffer = new byte[16 * 1024];
            while (await socket.ReceiveAsync(buffer, token) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException)
        {
            // The client went away or the bound ran out.
        }
    }

    private static byte[] Frame(Opcode opcode, byte[] payload) =>
        FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = opcode, PayloadLength = (ulong)payload.Length }, payload);

    private static async Task<string?> ReadKeyAsync(Socket socket, CancellationToken token)
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

        return Encoding.Latin1.GetString([.. head]).Split("\r\n")
            .FirstOrDefault(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))?[18..].Trim();
    }
}
