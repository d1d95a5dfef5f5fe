using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Opens the byte stream a client speaks over: TCP (NoDelay) or a Unix domain socket, with TLS for wss.</summary>
internal static class ClientTransport
{
    public static async Task<(Socket Socket, Stream Stream)> ConnectAsync(WebSocketAddress address, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
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
                await ssl.AuthenticateAsClientAsync(TlsOptions(address, options), cancellationToken);
            }

            return (socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(WebSocketAddress address, WebSocketClientOptions options)
    {
        var tls = new SslClientAuthenticationOptions { TargetHost = address.Host };
        if (options.AllowUntrustedCertificate)
        {
            tls.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (options.CaCertificatePemPath is { } caPath)
        {
            // Trust only the given CAs; the host name is still checked by SslStream.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.ImportFromPemFile(caPath);
            tls.CertificateChainPolicy = policy;
        }

        return tls;
    }
}
