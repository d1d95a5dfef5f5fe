using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Benchmarking;

/// <summary>How the load generator connects: the same handshake and TLS settings as <c>run</c>.</summary>
public sealed record BenchClientOptions
{
    public IReadOnlyList<HttpHeaderField> ExtraHeaders { get; init; } = [];

    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    public string? Origin { get; init; }

    public bool InsecureTls { get; init; }

    public string? CaFile { get; init; }

    /// <summary>Connect, TLS and the opening handshake together.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An echo (or a hold run's pong) not back within this time counts as an error and the connection is reopened.</summary>
    public TimeSpan EchoTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
