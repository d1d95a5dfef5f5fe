using System.Security.Authentication;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

public sealed class TransportKindTests
{
    [Fact]
    public async Task Server_listens_on_unix_domain_socket()
    {
        using var timeout = TestServers.Timeout();
        var path = Path.Combine(Path.GetTempPath(), $"wsconform-{Guid.NewGuid():N}.sock");
        var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri($"ws+unix://{path}") });
        try
        {
            Assert.Equal("ws+unix", server.Endpoint.Scheme);
            await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws+unix://{path}:/chat"), TestServers.ClientOptions, timeout.Token);

            await client.SendTextAsync("over a unix socket", timeout.Token);

            var echo = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
            Assert.Equal("over a unix socket", echo.Text);
            Assert.Equal(CloseCode.NormalClosure, (await client.CloseAsync(CloseCode.NormalClosure, string.Empty, timeout.Token)).Code);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Wss_server_with_generated_certificate_accepts_client()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") });
        Assert.Equal("wss", server.Endpoint.Scheme);
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { AllowUntrustedCertificate = true }, timeout.Token);

        await client.SendTextAsync("over TLS", timeout.Token);

        var echo = Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token));
        Assert.Equal("over TLS", echo.Text);
        Assert.True((await client.CloseAsync(CloseCode.NormalClosure, string.Empty, timeout.Token)).Clean);
    }

    [Fact]
    public async Task Wss_client_trusts_server_certificate_given_as_ca_file()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri("wss://localhost:0/") });
        var caFile = Path.Combine(Path.GetTempPath(), $"wsconform-ca-{Guid.NewGuid():N}.pem");
        TlsCertificates.ExportCertificatePem(server.Certificate!, caFile);
        try
        {
            await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { CaCertificatePemPath = caFile }, timeout.Token);
            await client.SendTextAsync("trusted", timeout.Token);
            Assert.Equal("trusted", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task Wss_client_refuses_an_untrusted_certificate()
    {
        using var timeout = TestServers.Timeout();
        await using var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") });

        await Assert.ThrowsAsync<AuthenticationException>(() => WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions, timeout.Token));
    }

    [Fact]
    public async Task Wss_server_uses_certificate_from_pem_files()
    {
        using var timeout = TestServers.Timeout();
        var directory = Directory.CreateTempSubdirectory("wsconform-pem-");
        try
        {
            using (var generated = TlsCertificates.CreateSelfSignedForLocalhost())
            {
                TlsCertificates.ExportCertificatePem(generated, Path.Combine(directory.FullName, "cert.pem"));
                using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(generated)!;
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, "key.pem"), key.ExportPkcs8PrivateKeyPem(), timeout.Token);
            }

            var options = new ReferenceServerOptions
            {
                Listen = new Uri("wss://127.0.0.1:0/"),
                CertificatePemPath = Path.Combine(directory.FullName, "cert.pem"),
                KeyPemPath = Path.Combine(directory.FullName, "key.pem"),
            };
            await using var server = await TestServers.StartAsync(timeout.Token, options);
            var clientOptions = TestServers.ClientOptions with { CaCertificatePemPath = options.CertificatePemPath };
            await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, clientOptions, timeout.Token);
            await client.SendBinaryAsync(new byte[] { 1, 2, 3 }, timeout.Token);
            Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Payload);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
