using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>
/// permessage-deflate with Debian's python3-websockets both ways, for each parameter its factories take: its client
/// (ClientPerMessageDeflateFactory) against the reference server, the reference client against its server
/// (ServerPerMessageDeflateFactory). Every message echoes exactly and travels compressed. Not covered: an offer of
/// server_max_window_bits=8 to its server, which accepts it and then answers 500, as zlib 1.2.9+ refuses an 8-bit raw
/// deflate window (the reference server honours 8, see the client rows).
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class PythonWebsocketsDeflateTests
{
    [Theory]
    [InlineData("{}", "", "permessage-deflate")]
    [InlineData("""{"server_no_context_takeover":true,"client_no_context_takeover":true}""", "", "permessage-deflate; server_no_context_takeover; client_no_context_takeover")]
    [InlineData("""{"server_max_window_bits":10,"client_max_window_bits":10}""", "", "permessage-deflate; server_max_window_bits=10; client_max_window_bits=10")]
    [InlineData("""{"server_max_window_bits":8}""", "", "permessage-deflate; server_max_window_bits=8")]
    [InlineData("""{"client_max_window_bits":null}""", "cmwb=9", "permessage-deflate")]
    [InlineData("{}", "snct cnct smwb=9 cmwb=12", "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=12")]
    public async Task Python_websockets_client_exchanges_compressed_messages_with_reference_server(string clientOptions, string serverOptions, string extensions)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var log = new ServerLog();
        await using var server = await DeflatePeers.StartReferenceServerAsync(DeflatePeers.Options(serverOptions), log, cts.Token);

        var summary = DeflatePeers.Summary(await DeflatePeers.RunPythonWebsocketsClientAsync(server.Endpoint, clientOptions, cts.Token));

        Assert.Equal(extensions, summary.GetProperty("extensions").GetString());
        Assert.Equal(DeflatePeers.ExchangeMessages, summary.GetProperty("messages").GetInt32());
        DeflateAssert.PeerCompressedEveryMessage(log);
    }

    [Theory]
    [InlineData("{}", "", false, false, 15, 15)]
    [InlineData("""{"server_no_context_takeover":true,"client_no_context_takeover":true}""", "", true, true, 15, 15)]
    [InlineData("""{"server_max_window_bits":11,"client_max_window_bits":11}""", "", false, false, 11, 11)]
    [InlineData("""{"client_max_window_bits":12,"require_client_max_window_bits":true}""", "cnct", false, true, 15, 12)]
    [InlineData("{}", "smwb=9 snct", true, false, 9, 15)]
    [InlineData("{}", "cmwb=8", false, false, 15, 8)]
    public async Task Reference_client_exchanges_compressed_messages_with_python_websockets_server(string serverOptions, string offer, bool serverNoContext, bool clientNoContext, int serverBits, int clientBits)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await DeflatePeers.StartPythonWebsocketsServerAsync(serverOptions, cts.Token);

        var outcome = await DeflateExchange.RunAgainstPeerAsync(server, DeflatePeers.Options(offer), cts.Token);

        Assert.Equal(
            new PerMessageDeflateParameters { ServerNoContextTakeover = serverNoContext, ClientNoContextTakeover = clientNoContext, ServerMaxWindowBits = serverBits, ClientMaxWindowBits = clientBits },
            outcome.Agreed);
        DeflateExchange.AssertCompressed(outcome);
    }
}
