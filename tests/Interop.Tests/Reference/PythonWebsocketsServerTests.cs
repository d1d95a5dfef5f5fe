using Xunit;

namespace Conformance.Interop.Tests.Reference;

/// <summary>The reference client against Debian's python3-websockets echo server.</summary>
[Collection(InteropCollection.Name)]
public sealed class PythonWebsocketsServerTests
{
    [Fact]
    public async Task Reference_client_exchanges_all_message_kinds_with_python_websockets_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await Peers.StartPythonWebsocketsServerAsync(cts.Token);

        await ReferenceClientExchange.RunAgainstPeerAsync(server, cts.Token);
    }
}
