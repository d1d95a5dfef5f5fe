using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Judging;

/// <summary>
/// Judges the peer's own output in every case, whatever the case expects: the 101 response (RFC 6455 4.1), every
/// frame it sent (the breaches the receive pipeline recorded), and that the server closed TCP after the closing handshake (7.1.1).
/// </summary>
public static class AlwaysOnChecks
{
    public static IReadOnlyList<PeerViolation> Run(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var violations = new List<PeerViolation>();

        // RFC 6455 4.1: a 101 must carry Upgrade, Connection and the right Sec-WebSocket-Accept (and only offered choices).
        if (observation.Response?.StatusCode == 101 && observation.HandshakeValidation is ClientHandshakeResult.Failed failed)
        {
            var response = observation.Wire.OfType<HandshakeEntry>().FirstOrDefault(entry => entry.Direction == WireDirection.Received);
            var colon = failed.Rule.IndexOf(':', StringComparison.Ordinal);
            var section = colon > 0 ? failed.Rule[..colon] : "RFC 6455 4.1";
            var requirement = colon > 0 ? failed.Rule[(colon + 1)..].Trim() : failed.Rule;
            var problem = failed.Reason.Split(" (RFC", 2)[0];
            violations.Add(new PeerViolation(section, requirement, response?.Index ?? -1, $"response #{response?.Index}: {problem}"));
        }

        // Every frame the peer sent, judged once by the core's receive pipeline as it arrived (RFC 6455 5, 7; RFC 7692 6, 7).
        violations.AddRange(observation.Violations);
        var lastClose = observation.PeerCloseIndex is { } closeIndex ? observation.Wire.ElementAtOrDefault(closeIndex) : null;
        violations.Sort((a, b) => a.WireIndex.CompareTo(b.WireIndex));

        // RFC 6455 7.1.1: after the closing handshake the server SHOULD close TCP first (Autobahn waits 1 s).
        if (observation.ServerDropTimeout)
        {
            violations.Add(new PeerViolation("RFC 6455 7.1.1", "the server SHOULD close the TCP connection after the closing handshake",
                lastClose?.Index ?? -1, $"TCP still open {observation.Wire.OfType<TcpEntry>().LastOrDefault()?.AtMs - lastClose?.AtMs:0} ms after the close frame #{lastClose?.Index}", RequirementLevel.Should));
        }

        return violations;
    }
}
