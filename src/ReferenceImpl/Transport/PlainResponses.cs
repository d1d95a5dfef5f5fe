using System.Net.Sockets;
using System.Text;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>The server's own HTTP error responses (those not from the handshake evaluation): a short text body, then close.</summary>
internal static class PlainResponses
{
    /// <summary>503 to a client beyond the connection limit (RFC 9110 15.6.4: the server is temporarily unable to handle it).</summary>
    public static ReadOnlyMemory<byte> Busy { get; } = Create(503, "Service Unavailable", "Too many connections; try again later.");

    /// <summary>A complete response with <c>Connection: close</c> and a text body.</summary>
    public static ReadOnlyMemory<byte> Create(int status, string phrase, string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body + "\n");
        var head = $"HTTP/1.1 {status} {phrase}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bodyBytes.Length}\r\n\r\n";
        return Encoding.ASCII.GetBytes(head).Concat(bodyBytes).ToArray();
    }

    /// <summary>
    /// Answers 503 at once, without reading the request, and closes. The close drains what the client still sends
    /// (its request), bounded by <paramref name="timeout"/>, so that unread bytes do not turn the FIN into a reset that
    /// would destroy the answer before the client reads it.
    /// </summary>
    public static async Task RefuseBusyAsync(Socket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await socket.SendAsync(Busy, SocketFlags.None, cancel.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Best effort.
        }

        await TransportCloser.CloseGracefullyAsync(socket, null, timeout);
    }
}
