using Xunit;

namespace Conformance.Interop.Tests.Reference;

/// <summary>The npm <c>ws</c> client against the reference server.</summary>
[Collection(InteropCollection.Name)]
public sealed class NodeWsClientTests
{
    [Fact]
    public async Task Node_ws_client_exchanges_all_message_kinds_with_reference_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await ReferenceServerHost.StartAsync(cts.Token);

        var run = await Peers.RunNodeWsClientAsync(server.Endpoint, cts.Token);

        PeerSummary.AssertFullExchange(run);
    }
}
