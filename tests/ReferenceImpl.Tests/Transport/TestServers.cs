using Conformance.ReferenceImpl.Transport;

namespace Conformance.ReferenceImpl.Tests.Transport;

/// <summary>Starts reference servers on a free loopback port, and bounds every test in time.</summary>
internal static class TestServers
{
    private static readonly Uri DefaultListen = new ReferenceServerOptions().Listen;

    public static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(30));

    /// <summary>Starts a server; unless the options name another address, on ws://127.0.0.1 with a free port.</summary>
    public static Task<ReferenceServer> StartAsync(CancellationToken cancellationToken, ReferenceServerOptions? options = null)
    {
        options ??= new ReferenceServerOptions();
        if (options.Listen == DefaultListen)
        {
            options = options with { Listen = new Uri("ws://127.0.0.1:0/") };
        }

        return ReferenceServer.StartAsync(options, null, cancellationToken);
    }

    public static WebSocketClientOptions ClientOptions { get; } = new() { ConnectTimeout = TimeSpan.FromSeconds(10) };
}
