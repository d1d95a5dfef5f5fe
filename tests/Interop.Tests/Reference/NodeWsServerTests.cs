using Xunit;

namespace Conformance.Interop.Tests.Reference;

/// <summary>The reference client against the npm <c>ws</c> echo server.</summary>
[Collection(InteropCollection.Name)]
public sealed class NodeWsServerTests
{
    [Fact]
    public async Task Reference_client_exchanges_all_message_kinds_with_node_ws_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartNodeWsServerAsync(cts.Token);

        await ReferenceClientExchange.RunAgainstPeerAsync(server, cts.Token);
    }
}
