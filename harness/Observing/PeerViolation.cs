using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Observing;

/// <summary>
/// Something the peer sent that breaks the RFC on its own, whatever the case asked: the section, the requirement in
/// words, the wire log entry (<see cref="WireIndex"/>, -1 when none) and what was seen there. A
/// <see cref="RequirementLevel.Should"/> breach is non-strict, not a failure.
/// </summary>
/// <param name="Section">The RFC section, e.g. "RFC 6455 5.1".</param>
/// <param name="Requirement">What the RFC requires, in words.</param>
/// <param name="WireIndex">The wire log entry that breaks it, or -1.</param>
/// <param name="Seen">What was seen there: the frame and the detail.</param>
/// <param name="Level">MUST (a failure) or SHOULD (non-strict).</param>
/// <param name="CloseCode">The code a client fails the connection with for this breach (1002, or 1007 for UTF-8).</param>
public sealed record PeerViolation(string Section, string Requirement, int WireIndex, string Seen, RequirementLevel Level = RequirementLevel.Must, ushort CloseCode = Conformance.ReferenceImpl.Protocol.CloseCode.ProtocolError)
{
    public override string ToString() => $"{Section}: {Requirement}; {Seen}";
}
