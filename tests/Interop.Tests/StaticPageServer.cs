using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Interop.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) that serves the browser peer page from the
/// Peers folder, so Chromium loads it from an http origin. One request per connection; GET only.
/// </summary>
public sealed class StaticPageServer : IAsyncDisposable
{
    public const string PageName = "chromium_page.html";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly byte[] _page;
    private int _pageRequests;

    public StaticPageServer()
        : this(File.ReadAllBytes(PeerLocator.PeerFile(PageName)))
    {
    }

    public StaticPageServer(byte[] page)
    {
        _page = page;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>How many requests for the page were answered.</summary>
    public int PageRequests => Volatile.Read(ref _pageRequests);

    /// <summary>The page URL that points the browser at <paramref name="webSocket"/> (passed in the fragment).</summary>
    public Uri PageFor(Uri webSocket) => new($"http://127.0.0.1:{Port}/{PageName}#{webSocket.AbsoluteUri}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A stuck connection must not hang the test run.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var stream = client.GetStream();
                var requestLine = await ReadRequestHeadAsync(stream, timeout.Token);
                var parts = requestLine.Split(' ');
                var target = parts.Length >= 2 ? parts[1].Split('?', '#')[0] : string.Empty;

                if (parts[0] != "GET")
                {
                    await RespondAsync(stream, "405 Method Not Allowed", "text/plain", "GET only"u8.ToArray(), timeout.Token);
                }
                else if (target == "/" + PageName)
                {
                    Interlocked.Increment(ref _pageRequests);
                    await RespondAsync(stream, "200 OK", "text/html; charset=utf-8", _page, timeout.Token);
                }
                else
                {
                    await RespondAsync(stream, "404 Not Found", "text/plain", "not found"u8.ToArray(), timeout.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The browser went away (or probed a connection it never used): nothing to serve.
            }
        }
    }

    private static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>(1024);
        var buffer = new byte[1024];
        while (head.Count < 64 * 1024)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.ASCII.GetString([.. head]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
            }
        }

        throw new IOException("Incomplete HTTP request head.");
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n" +
                   "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
