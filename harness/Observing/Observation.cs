using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Observing;

/// <summary>
/// Everything that happened in one case, as facts for the judge: the wire log, the peer's events, the handshake, and
/// how the connection ended (Autobahn's closedByMe, wasClean, droppedByMe and friends). Built by the runner; judges nothing.
/// </summary>
public sealed record Observation
{
    public required string CaseId { get; init; }

    public required IReadOnlyList<WireEntry> Wire { get; init; }

    /// <summary>The harness's side: <see cref="Role.Client"/> when it tested a server, <see cref="Role.Server"/> when a client.</summary>
    public Role HarnessRole { get; init; } = Role.Client;

    /// <summary>The rule the client's opening handshake request broke (RFC 6455 4.1), when the harness was the server; else null.</summary>
    public string? ClientRequestError { get; init; }

    /// <summary>The peer's events in order (Autobahn's <c>received</c>).</summary>
    public IReadOnlyList<ObservedEvent> Events { get; init; } = [];

    /// <summary>The request head exactly as written (Latin-1), or null when nothing was written.</summary>
    public string? HandshakeRequest { get; init; }

    /// <summary>The response head as read (Latin-1), or null when none arrived.</summary>
    public string? HandshakeResponse { get; init; }

    /// <summary>The response parsed, or null when it could not be.</summary>
    public HandshakeResponse? Response { get; init; }

    /// <summary>What <see cref="ClientHandshake.Validate"/> made of the response (RFC 6455 4.1), when one arrived.</summary>
    public ClientHandshakeResult? HandshakeValidation { get; init; }

    /// <summary>The opening handshake completed (101, valid) and the steps ran.</summary>
    public bool HandshakeCompleted { get; init; }

    /// <summary>RSV bits the accepted extensions define.</summary>
    public int NegotiatedRsvBits { get; init; }

    /// <summary>The permessage-deflate agreement (RFC 7692 7.1), or null when it was not negotiated.</summary>
    public Conformance.ReferenceImpl.Extensions.PerMessageDeflateParameters? Deflate { get; init; }

    /// <summary>The case offered permessage-deflate, needed it, and the server did not accept it (UNIMPLEMENTED).</summary>
    public bool DeflateDeclined { get; init; }

    /// <summary>
    /// Every rule the peer's frames broke, as the core's receive pipeline recorded them (each citing its frame's wire log
    /// entry). Found once, live, on all the data (a bulk transfer's included); the judge does not read frames again.
    /// </summary>
    public IReadOnlyList<PeerViolation> Violations { get; init; } = [];

    /// <summary>Who started the closing first: a close frame or a TCP close. Null when the connection never opened.</summary>
    public Closer? ClosedBy { get; init; }

    /// <summary>The harness failed the connection: deadline with on-timeout fail, or a violation by the peer.</summary>
    public bool FailedByHarness { get; init; }

    /// <summary>The case's deadline passed with the connection open.</summary>
    public bool TimedOut { get; init; }

    /// <summary>What the peer sent could no longer match any expected outcome, so the harness closed before the deadline.</summary>
    public bool Settled { get; init; }

    /// <summary>The harness sent the first close frame (its own, the deadline's, a failure's), not an answer to the peer's.</summary>
    public bool HarnessClosedFirst { get; init; }

    public bool HarnessSentClose { get; init; }

    /// <summary>The harness's close frame is on the wire (it may be queued behind a write the peer never read).</summary>
    public bool HarnessCloseWritten { get; init; }

    public ushort? HarnessCloseCode { get; init; }

    public bool PeerSentClose { get; init; }

    public ushort? PeerCloseCode { get; init; }

    public string? PeerCloseReason { get; init; }

    /// <summary>The wire log index of the peer's (first) close frame.</summary>
    public int? PeerCloseIndex { get; init; }

    /// <summary>Both close frames went and the server closed TCP first, in time.</summary>
    public bool WasClean { get; init; }

    public string? NotCleanReason { get; init; }

    /// <summary>The peer ended TCP (FIN or RST) before the harness dropped it.</summary>
    public bool ServerClosedTcp { get; init; }

    /// <summary>The peer reset the connection (or it broke) rather than closing it.</summary>
    public bool PeerReset { get; init; }

    /// <summary>The harness had to drop TCP itself (Autobahn's droppedByMe: "failed by client").</summary>
    public bool DroppedByHarness { get; init; }

    /// <summary>After the close handshake the server did not close TCP within the drop timeout (RFC 6455 7.1.1).</summary>
    public bool ServerDropTimeout { get; init; }

    /// <summary>The peer did not answer the harness's close within the close handshake timeout.</summary>
    public bool CloseHandshakeTimeout { get; init; }

    /// <summary>The connection (TCP, Unix socket or TLS) could not be opened.</summary>
    public string? ConnectError { get; init; }

    /// <summary>The opening handshake failed: no response in time, malformed, or rejected (RFC 6455 4.1).</summary>
    public string? HandshakeError { get; init; }

    /// <summary>
    /// Harness faults: what the harness itself could not do (a step it could not write, an unexpected exception). Never
    /// thrown (a broken target cannot crash the runner); reported beside the verdict, and as &lt;error&gt; in JUnit.
    /// </summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The survival check of a <c>survives</c> case, or null.</summary>
    public SurvivalObservation? Survival { get; init; }

    /// <summary>The case was cancelled by the caller before it ended.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The case ran into its hard cap and was cut off.</summary>
    public bool HitHardCap { get; init; }

    /// <summary>The largest data message the steps sent, in bytes (frames of one message added up).</summary>
    public long LargestMessageSent { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>From the start of the case to the end of the opening handshake.</summary>
    public TimeSpan? HandshakeDuration { get; init; }

    /// <summary>The peer dropped, reset or went silent: worth checking that the target is still alive.</summary>
    public bool PeerMayBeDown =>
        ConnectError is not null || (HandshakeError is not null && Response is null) || HitHardCap || TimedOut || CloseHandshakeTimeout || PeerReset || (ServerClosedTcp && !PeerSentClose);
}
