using Xunit;

namespace Conformance.Interop.Tests.Reference;

/// <summary>Debian's python3-websockets client against the reference server.</summary>
[Collection(InteropCollection.Name)]
public sealed class PythonWebsocketsClientTests
{
    [Fact]
    public async Task Python_websockets_client_exchanges_all_message_kinds_with_reference_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await ReferenceServerHost.StartAsync(cts.Token);

        var run = await Peers.RunPythonWebsocketsClientAsync(server.Endpoint, cts.Token);

        PeerSummary.AssertFullExchange(run);
    }
}
