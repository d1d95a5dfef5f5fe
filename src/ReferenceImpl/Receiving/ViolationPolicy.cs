namespace Conformance.ReferenceImpl.Receiving;

/// <summary>What the receive pipeline does when the peer breaks a rule.</summary>
public enum ViolationPolicy
{
    /// <summary>
    /// Fail the connection (RFC 6455 7.1.7): report <see cref="Protocol.ConnectionFailed"/> with the rule and its close
    /// code, then ignore every later byte. The reference endpoint's policy.
    /// </summary>
    FailConnection,

    /// <summary>
    /// Record the breach (<see cref="ViolationRecorded"/>) and read on as leniently as the stream allows, so every later
    /// frame is still seen and judged. The harness's observer's policy.
    /// </summary>
    RecordAndContinue,
}
