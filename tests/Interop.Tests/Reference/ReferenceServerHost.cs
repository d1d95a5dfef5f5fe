using Conformance.ReferenceImpl.Transport;

namespace Conformance.Interop.Tests.Reference;

/// <summary>Starts the reference server on 127.0.0.1 with an ephemeral port.</summary>
public static class ReferenceServerHost
{
    public static readonly Uri LoopbackAnyPort = new("ws://127.0.0.1:0/");

    public static Task<ReferenceServer> StartAsync(CancellationToken cancellationToken) =>
        ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = LoopbackAnyPort }, loggerFactory: null, cancellationToken);
}
