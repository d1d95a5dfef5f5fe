using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Harness.Tests.Benchmarking;

/// <summary>Connection capacity against the reference server: what it holds is counted by a ping each, refusals by kind.</summary>
public sealed class HoldLoadTests
{
    private static readonly BenchClientOptions Client = new() { EchoTimeout = TimeSpan.FromSeconds(5) };

    private static BenchScenario Hold(int count) => new()
    {
        Mode = BenchMode.Hold,
        Hold = count,
        HandshakeRate = 2000,
        HoldFor = TimeSpan.Zero,
    };

    [Fact]
    public async Task Every_connection_the_server_keeps_answers_a_ping_and_counts_as_held()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, CancellationToken.None);

        var result = await HoldLoad.RunAsync(new BenchTarget("reference", server.Endpoint), Hold(300), Client, null, CancellationToken.None);

        Assert.Equal(300, result.ConnectionsHeld);
        Assert.Equal(300, result.ConnectionsAttempted);
        Assert.Equal(0, result.Errors);
        Assert.True(result.HandshakesPerSecond > 0);
        Assert.Equal("wsconform-reference", result.Agent);
    }

    [Fact]
    public async Task Connections_beyond_the_server_limit_are_counted_as_its_503_refusals()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/"), MaxConnections = 40 }, null, CancellationToken.None);

        var result = await HoldLoad.RunAsync(new BenchTarget("limited", server.Endpoint), Hold(100), Client, null, CancellationToken.None);

        Assert.Equal(40, result.ConnectionsHeld);
        Assert.Equal(60, result.Errors);
        Assert.Equal(60, result.ErrorsByKind["handshake: HTTP 503"]);
    }

    [Fact]
    public async Task Connections_the_server_drops_while_idle_are_not_held()
    {
        // A server that accepts, then closes every connection with 1001 after 50 ms: nothing is held.
        await using var server = new Engine.RawServer(async (socket, token) =>
        {
            await Engine.RawServer.AcceptHandshakeAsync(socket, token);
            await Task.Delay(50, token);
            await socket.SendAsync(new byte[] { 0x88, 0x02, 0x03, 0xE9 }, token);
            await Task.Delay(200, token);
        });

        var result = await HoldLoad.RunAsync(new BenchTarget("dropper", server.Endpoint), Hold(20) with { HoldFor = TimeSpan.FromSeconds(1) }, Client, null, CancellationToken.None);

        Assert.Equal(0, result.ConnectionsHeld);
        Assert.Equal(20, result.ErrorsByKind["closed by server: 1001"]);
    }
}
