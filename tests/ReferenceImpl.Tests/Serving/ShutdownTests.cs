using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Tests.Transport;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>Shutdown wakes each session from its bufferless wait: open ones are closed with 1001, pending ones dropped.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_wakes_an_idle_wss_connection_and_closes_it_with_1001()
    {
        using var timeout = TestServers.Timeout();
        var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { Listen = new Uri("wss://127.0.0.1:0/") });
        await using var client = await WebSocketClient.ConnectAsync(server.Endpoint, TestServers.ClientOptions with { AllowUntrustedCertificate = true }, timeout.Token);
        await client.SendTextAsync("before", timeout.Token);
        Assert.Equal("before", Assert.IsType<ClientEvent.Message>(await client.ReceiveAsync(timeout.Token)).Text);

        var receiving = client.ReceiveAsync(timeout.Token);
        await server.DisposeAsync();

        // RFC 6455 7.4.1: 1001, going away; the client answered, so the close handshake is complete.
        var closed = Assert.IsType<ClientEvent.Closed>(await receiving);
        Assert.Equal(CloseCode.GoingAway, closed.Code);
        Assert.True(closed.Clean);
        Assert.Equal(0, server.OpenConnections);
    }

    [Fact]
    public async Task Shutdown_drops_connections_still_in_their_handshake()
    {
        using var timeout = TestServers.Timeout();
        var server = await TestServers.StartAsync(timeout.Token, new ReferenceServerOptions { HandshakeTimeout = TimeSpan.FromMinutes(10) });
        var slow = await SlowClients.ConnectAsync(server.Endpoint, 3, timeout.Token);
        await using var silent = await RawConnection.ConnectAsync(server.Endpoint, timeout.Token);
        try
        {
            await Eventually.TrueAsync(() => server.PendingHandshakes == 4, timeout.Token);

            await server.DisposeAsync();

            foreach (var connection in slow)
            {
                Assert.True(await connection.WaitForEofAsync(timeout.Token));
            }

            Assert.True(await silent.WaitForEofAsync(timeout.Token));
            Assert.Equal(0, server.PendingHandshakes);
        }
        finally
        {
            await SlowClients.DisposeAllAsync(slow);
        }
    }
}
