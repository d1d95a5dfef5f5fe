namespace Conformance.Harness.Running.Machine;

/// <summary>Where the closing of the connection stands (RFC 6455 7.1): one state instead of a flag per fact.</summary>
public enum ClosePhase
{
    /// <summary>No close frame either way yet.</summary>
    Open,

    /// <summary>The harness sent (or queued) its close frame and waits for the peer's (RFC 6455 5.5.1).</summary>
    HarnessClosing,

    /// <summary>The peer's close frame arrived first; the harness's answer is queued.</summary>
    PeerClosing,

    /// <summary>Both close frames went: the server is to close TCP (RFC 6455 7.1.1).</summary>
    BothClosed,

    /// <summary>The transport is gone (the peer closed or reset it, or the harness dropped it).</summary>
    Ended,
}
