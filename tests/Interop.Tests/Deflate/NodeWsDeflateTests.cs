using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>
/// permessage-deflate with the npm <c>ws</c> library both ways, for each parameter ws supports: its client against the
/// reference server, the reference client against its server. Every message echoes exactly and travels compressed.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class NodeWsDeflateTests
{
    [Theory]
    [InlineData("{}", "", "permessage-deflate")]
    [InlineData("""{"serverNoContextTakeover":true,"clientNoContextTakeover":true}""", "", "permessage-deflate; server_no_context_takeover; client_no_context_takeover")]
    [InlineData("""{"serverMaxWindowBits":10}""", "", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("""{"serverMaxWindowBits":8,"clientMaxWindowBits":9}""", "", "permessage-deflate; server_max_window_bits=8; client_max_window_bits=9")]
    [InlineData("{}", "snct cmwb=11 smwb=12", "permessage-deflate; server_no_context_takeover; server_max_window_bits=12; client_max_window_bits=11")]
    public async Task Node_ws_client_exchanges_compressed_messages_with_reference_server(string clientOptions, string serverOptions, string extensions)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var log = new ServerLog();
        await using var server = await DeflatePeers.StartReferenceServerAsync(DeflatePeers.Options(serverOptions), log, cts.Token);

        var summary = DeflatePeers.Summary(await DeflatePeers.RunNodeWsClientAsync(server.Endpoint, clientOptions, cts.Token));

        Assert.Equal(extensions, summary.GetProperty("extensions").GetString());
        Assert.Equal(DeflatePeers.ExchangeMessages, summary.GetProperty("messages").GetInt32());
        DeflateAssert.PeerCompressedEveryMessage(log);
    }

    [Theory]
    [InlineData("""{"threshold":0}""", "", false, false, 15, 15)]
    [InlineData("""{"threshold":0,"serverNoContextTakeover":true,"clientNoContextTakeover":true}""", "", true, true, 15, 15)]
    [InlineData("""{"threshold":0,"serverMaxWindowBits":10,"clientMaxWindowBits":10}""", "", false, false, 10, 10)]
    [InlineData("""{"threshold":0}""", "smwb=9 cnct", false, true, 9, 15)]
    [InlineData("""{"threshold":0}""", "smwb=8 snct cmwb=8", true, false, 8, 8)]
    public async Task Reference_client_exchanges_compressed_messages_with_node_ws_server(string serverOptions, string offer, bool serverNoContext, bool clientNoContext, int serverBits, int clientBits)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await DeflatePeers.StartNodeWsServerAsync(serverOptions, cts.Token);

        var outcome = await DeflateExchange.RunAgainstPeerAsync(server, DeflatePeers.Options(offer), cts.Token);

        Assert.Equal(
            new PerMessageDeflateParameters { ServerNoContextTakeover = serverNoContext, ClientNoContextTakeover = clientNoContext, ServerMaxWindowBits = serverBits, ClientMaxWindowBits = clientBits },
            outcome.Agreed);
        DeflateExchange.AssertCompressed(outcome);
    }
}
