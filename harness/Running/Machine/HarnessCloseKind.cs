namespace Conformance.Harness.Running.Machine;

/// <summary>Why the harness sends a close frame; it decides who "closed first" and whether the harness failed the connection.</summary>
public enum HarnessCloseKind
{
    /// <summary>The case's own close step, or Autobahn's early close once every expected event arrived.</summary>
    Normal,

    /// <summary>The answer to the peer's close (RFC 6455 5.5.1).</summary>
    Reply,

    /// <summary>The deadline passed with on-timeout fail: close 1001 (Autobahn's killAfter).</summary>
    DeadlineFail,

    /// <summary>The deadline passed with on-timeout close: close without a code (Autobahn's closeAfter).</summary>
    DeadlineClose,

    /// <summary>The peer broke a rule; a full stack fails the connection (RFC 6455 7.1.7).</summary>
    Violation,

    /// <summary>What the peer sent can no longer match any expected outcome: the verdict is settled, the harness closes.</summary>
    Settled,
}
