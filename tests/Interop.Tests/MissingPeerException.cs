namespace Conformance.Interop.Tests;

/// <summary>
/// A third-party peer an interop test needs is not installed. The message names the peer and
/// the <c>.ci/run</c> step that installs it. Tests fail with it (locally and on CI alike):
/// xunit 2 has no dynamic skip, and a silently skipped interop test would hide a missing peer.
/// </summary>
public sealed class MissingPeerException : Exception
{
    public MissingPeerException(string peer, string problem, string ciStep)
        : base(Describe(peer, problem, ciStep))
    {
        Peer = peer;
    }

    public MissingPeerException()
    {
        Peer = "unknown";
    }

    public MissingPeerException(string message)
        : base(message)
    {
        Peer = "unknown";
    }

    public MissingPeerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Peer = "unknown";
    }

    public string Peer { get; }

    private static string Describe(string peer, string problem, string ciStep)
    {
        var where = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "CI=true: interop peers are required on CI"
            : "interop peers are required; run `bash .ci/run` as root once to install them";
        return $"Interop peer '{peer}' is missing: {problem}. It is installed by the .ci/run step: {ciStep} ({where}).";
    }
}
