using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>A listening socket for a ws, wss or ws+unix address (loopback only), and the URL it is reachable at.</summary>
public static class ListeningSocket
{
    // The kernel's queue of connections not yet accepted (capped by net.core.somaxconn): deep enough that a burst of
    // clients, or the server pausing accepts at its pending-handshake bound, queues connections instead of dropping SYNs.
    private const int Backlog = 4096;

    /// <summary>Binds and listens; port 0 picks a free port, which the returned endpoint names.</summary>
    /// <exception cref="SocketException">The address is in use or cannot be bound.</exception>
    public static (Socket Listener, Uri Endpoint) Bind(WebSocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Kind == TransportKind.Unix ? BindUnix(address) : BindTcp(address);
    }

    private static (Socket Listener, Uri Endpoint) BindTcp(WebSocketAddress address)
    {
        var ip = address.ResolveLoopback();
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(ip, address.Port));
            listener.Listen(Backlog);
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            var scheme = address.IsSecure ? "wss" : "ws";
            return (listener, new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{port}/")));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static (Socket Listener, Uri Endpoint) BindUnix(WebSocketAddress address)
    {
        var path = Path.GetFullPath(address.UnixPath!);
        RemoveStaleSocket(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(Backlog);
            var scheme = address.IsSecure ? "wss+unix" : "ws+unix";
            return (listener, new Uri($"{scheme}://{path}"));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>A socket file left by a server that died is removed; one that still answers is in use.</summary>
    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse, $"another server listens on {path}");
    }
}
