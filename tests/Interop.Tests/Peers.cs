namespace Conformance.Interop.Tests;

/// <summary>Starts the scripted third-party peers in the Peers folder with bounded waits.</summary>
public static class Peers
{
    public static readonly TimeSpan ServerReadyTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The clients stop themselves after 60 s; this outer bound kills them if they do not.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Echo server on the npm <c>ws</c> library, bound to 127.0.0.1 on an ephemeral port.</summary>
    public static Task<PeerProcess> StartNodeWsServerAsync(CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_server.js"), "0"], PeerLocator.PeersDirectory, ServerReadyTimeout, cancellationToken);

    /// <summary>Echo server on Debian's python3-websockets, bound to 127.0.0.1 on an ephemeral port.</summary>
    public static Task<PeerProcess> StartPythonWebsocketsServerAsync(CancellationToken cancellationToken) =>
        PeerProcess.StartServerAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_server.py"), "0"], PeerLocator.PeersDirectory, ServerReadyTimeout, cancellationToken);

    /// <summary>Runs the scripted exchange with the npm <c>ws</c> client against <paramref name="server"/>.</summary>
    public static Task<PeerRunResult> RunNodeWsClientAsync(Uri server, CancellationToken cancellationToken) =>
        PeerProcess.RunToCompletionAsync(
            PeerLocator.Node, [PeerLocator.PeerFile("node_ws_client.js"), server.AbsoluteUri], PeerLocator.PeersDirectory, ClientTimeout, cancellationToken);

    /// <summary>Runs the scripted exchange with the python3-websockets client against <paramref name="server"/>.</summary>
    public static Task<PeerRunResult> RunPythonWebsocketsClientAsync(Uri server, CancellationToken cancellationToken) =>
        PeerProcess.RunToCompletionAsync(
            PeerLocator.Python, [PeerLocator.PeerFile("py_websockets_client.py"), server.AbsoluteUri], PeerLocator.PeersDirectory, ClientTimeout, cancellationToken);

    /// <summary>The loopback WebSocket URL of a peer server.</summary>
    public static Uri Endpoint(PeerProcess server) => new($"ws://127.0.0.1:{server.Port}/");
}
