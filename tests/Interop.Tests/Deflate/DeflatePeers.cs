using System.Text.Json;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Interop.Tests.Deflate;

/// <summary>Starts the peers with permessage-deflate options, and the reference server with its own.</summary>
public static class DeflatePeers
{
    /// <summary>The number of messages in the peers' deflate exchange (deflate_exchange.js and its Python twin).</summary>
    public const int ExchangeMessages = 13;

    /// <summary>The npm ws echo server with a perMessageDeflate option object (JSON).</summary>
    public static Task<PeerProcess> StartNodeWsServerAsync(string options, CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_server.js"), "0", "--deflate-options", options], PeerLocator.PeersDirectory, Peers.ServerReadyTimeout, cancellationToken);

    /// <summary>The python3-websockets echo server with ServerPerMessageDeflateFactory keyword arguments (JSON).</summary>
    public static Task<PeerProcess> StartPythonWebsocketsServerAsync(string options, CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_server.py"), "0", "--deflate-options", options], PeerLocator.PeersDirectory, Peers.ServerReadyTimeout, cancellationToken);

    /// <summary>Runs the deflate exchange with the npm ws client (perMessageDeflate options as JSON) against <paramref name="server"/>.</summary>
    public static Task<PeerRunResult> RunNodeWsClientAsync(Uri server, string options, CancellationToken cancellationToken) =>
        PeerProcess.RunToCompletionAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_deflate_client.js"), server.AbsoluteUri, options], PeerLocator.PeersDirectory, Peers.ClientTimeout, cancellationToken);

    /// <summary>Runs the deflate exchange with the python3-websockets client (ClientPerMessageDeflateFactory arguments as JSON).</summary>
    public static Task<PeerRunResult> RunPythonWebsocketsClientAsync(Uri server, string options, CancellationToken cancellationToken) =>
        PeerProcess.RunToCompletionAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_deflate_client.py"), server.AbsoluteUri, options], PeerLocator.PeersDirectory, Peers.ClientTimeout, cancellationToken);

    /// <summary>The reference server on 127.0.0.1 with these permessage-deflate demands, logging into <paramref name="log"/>.</summary>
    public static Task<ReferenceServer> StartReferenceServerAsync(PerMessageDeflateOptions options, ServerLog log, CancellationToken cancellationToken) =>
        ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/"), PerMessageDeflate = options }, log, cancellationToken);

    /// <summary>Server options written in a test's data row: "snct cnct smwb=10 cmwb=9" (any subset; empty for the defaults).</summary>
    public static PerMessageDeflateOptions Options(string spec)
    {
        var options = new PerMessageDeflateOptions();
        foreach (var word in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = word.Split('=') is [var n, var v] ? (n, int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) : (word, 0);
            options = name switch
            {
                "snct" => options with { ServerNoContextTakeover = true },
                "cnct" => options with { ClientNoContextTakeover = true },
                "smwb" => options with { ServerMaxWindowBits = value },
                "cmwb" => options with { ClientMaxWindowBits = value },
                _ => throw new ArgumentException($"unknown option word \"{word}\"", nameof(spec)),
            };
        }

        return options;
    }

    /// <summary>The summary line a deflate client printed.</summary>
    public static JsonElement Summary(PeerRunResult run)
    {
        Xunit.Assert.True(run.Succeeded, run.Describe());
        return JsonDocument.Parse(run.LastOutputLine).RootElement.Clone();
    }
}
