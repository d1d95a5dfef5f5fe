using System.Net.Security;
using System.Net.Sockets;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// Opens the byte stream a client speaks over: TCP (NoDelay) or a Unix domain socket, with TLS for wss. The reference
/// client and the harness's runner both connect through it.
/// </summary>
public static class ClientTransport
{
    /// <summary>Connects; for wss, TLS trusts the system's CAs, any certificate (<paramref name="allowUntrustedCertificate"/>), or only those of <paramref name="caCertificatePemPath"/>.</summary>
    public static async Task<(Socket Socket, Stream Stream)> ConnectAsync(
        WebSocketAddress address, bool allowUntrustedCertificate, string? caCertificatePemPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        Socket socket;
        if (address.Kind == TransportKind.Unix)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        }
        else
        {
            // Dual mode: tries every address the host resolves to, IPv6 and IPv4.
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }

        try
        {
            if (address.Kind == TransportKind.Unix)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.UnixPath!), cancellationToken);
            }
            else
            {
                await socket.ConnectAsync(address.Host, address.Port, cancellationToken);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (address.IsSecure)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(TlsClientOptions.Create(address.Host, allowUntrustedCertificate, caCertificatePemPath), cancellationToken);
            }

            return (socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
