using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Server certificates for wss: loaded from PEM files, or a self-signed one generated for localhost.</summary>
public static class TlsCertificates
{
    /// <summary>Loads a certificate and its private key from PEM files (the key as PKCS#8, PKCS#1 or SEC1).</summary>
    public static X509Certificate2 LoadPem(string certificatePemPath, string keyPemPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        return Reimport(pem);
    }

    /// <summary>
    /// A self-signed ECDSA P-256 certificate for "localhost", 127.0.0.1 and ::1, valid from a day ago for 30 days,
    /// for serverAuth. Clients must be told to trust it (or trust it as their CA).
    /// </summary>
    public static X509Certificate2 CreateSelfSignedForLocalhost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=wsconform reference server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return Reimport(certificate);
    }

    /// <summary>
    /// The certificate a server listening on <paramref name="address"/> presents: the given PEM pair, else a fresh
    /// self-signed one for localhost; null for a plain (ws) address.
    /// </summary>
    public static X509Certificate2? ForListening(WebSocketAddress address, string? certificatePemPath, string? keyPemPath)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsSecure)
        {
            return null;
        }

        return certificatePemPath is not null && keyPemPath is not null ? LoadPem(certificatePemPath, keyPemPath) : CreateSelfSignedForLocalhost();
    }

    /// <summary>Writes the certificate (not its key) as PEM, e.g. for a client to trust as its CA.</summary>
    public static void ExportCertificatePem(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
    }

    // A certificate built in memory holds an ephemeral key; a PKCS#12 round trip gives SslStream a key it can use
    // on every platform.
    private static X509Certificate2 Reimport(X509Certificate2 certificate)
    {
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
    }
}
