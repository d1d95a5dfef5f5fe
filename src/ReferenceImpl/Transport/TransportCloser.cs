using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Closes a socket so that what was written arrives: TLS close_notify, FIN, then a bounded drain before the close.</summary>
internal static class TransportCloser
{
    /// <summary>
    /// Sends TLS close_notify (when TLS), shuts down the sending side (FIN), then reads and discards until the peer's EOF
    /// or <paramref name="lingerTimeout"/>, and closes. Closing with unread bytes pending would make the kernel send RST,
    /// which can destroy the last frames (the close frame) before the peer reads them. With a zero linger (nothing more
    /// is expected from the peer, e.g. after a completed close handshake) it closes right after the FIN.
    /// </summary>
    public static async Task CloseGracefullyAsync(Socket socket, Stream? stream, TimeSpan lingerTimeout)
    {
        using var linger = new CancellationTokenSource(lingerTimeout > TimeSpan.Zero ? lingerTimeout : TimeSpan.FromSeconds(1));
        try
        {
            if (stream is SslStream ssl)
            {
                await ssl.ShutdownAsync().WaitAsync(linger.Token);
            }

            socket.Shutdown(SocketShutdown.Send);
            if (lingerTimeout <= TimeSpan.Zero)
            {
                return;
            }

            // Waits for bytes before taking a buffer (a zero-byte receive), so a quiet peer costs none while it lingers.
            while (true)
            {
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, linger.Token);
                var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
                try
                {
                    if (await socket.ReceiveAsync(scratch.AsMemory(), SocketFlags.None, linger.Token) == 0)
                    {
                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone or slow; close anyway.
        }
        finally
        {
            Abort(socket, stream);
        }
    }

    /// <summary>Closes at once.</summary>
    public static void Abort(Socket socket, Stream? stream)
    {
        try
        {
            stream?.Dispose();
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // Disposing a broken stream may throw; the socket is closed below either way.
        }

        socket.Dispose();
    }
}
