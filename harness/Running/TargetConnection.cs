using System.Net.Security;
using System.Net.Sockets;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Running;

/// <summary>An open byte stream to the peer under test: TCP (NoDelay) or a Unix domain socket, TLS on top for wss; opened by the harness or accepted from a client.</summary>
internal sealed class TargetConnection : IAsyncDisposable
{
    private TargetConnection(Socket socket, Stream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    public Socket Socket { get; }

    public Stream Stream { get; }

    public static async Task<TargetConnection> OpenAsync(WebSocketAddress address, RunOptions options, CancellationToken cancellationToken)
    {
        var (socket, stream) = await ClientTransport.ConnectAsync(address, options.InsecureTls, options.CaFile, cancellationToken);
        return new TargetConnection(socket, stream);
    }

    /// <summary>A connection a client under test opened to the harness.</summary>
    public static TargetConnection Accepted(Socket socket, Stream stream) => new(socket, stream);

    /// <summary>Half-closes the sending side (TLS close_notify first): the peer reads end of stream.</summary>
    public async Task ShutdownSendAsync(CancellationToken cancellationToken)
    {
        if (Stream is SslStream ssl)
        {
            await ssl.ShutdownAsync().WaitAsync(cancellationToken);
        }

        Socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Resets the connection: RST instead of FIN.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stream.DisposeAsync();
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A broken stream may throw on dispose; the socket is closed below either way.
        }

        Socket.Dispose();
    }
}
