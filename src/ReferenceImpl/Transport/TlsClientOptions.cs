using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>TLS settings of a client connection: the system's trust, any certificate (insecure), or only the CAs of a PEM file.</summary>
public static class TlsClientOptions
{
    public static SslClientAuthenticationOptions Create(string targetHost, bool allowUntrustedCertificate, string? caCertificatePemPath)
    {
        var tls = new SslClientAuthenticationOptions { TargetHost = targetHost };
        if (allowUntrustedCertificate)
        {
            tls.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (caCertificatePemPath is { } caPath)
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
