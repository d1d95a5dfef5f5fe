using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>How the connection ended, in words: "close 1002 from the peer (#5)", "TCP closed by the peer without a close frame".</summary>
public static class EndingText
{
    public static string Describe(Observation observation, CaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(definition);
        var peerClose = observation.PeerSentClose ? $"close {Code(observation.PeerCloseCode)} from the peer (#{observation.PeerCloseIndex})" : null;
        if (observation.ClosedBy == Closer.Peer)
        {
            if (peerClose is not null)
            {
                return peerClose;
            }

            return observation.PeerReset ? "TCP reset by the peer without a close frame" : "TCP closed by the peer without a close frame";
        }

        if (observation.ClosedBy != Closer.Harness)
        {
            return "no close";
        }

        var harness = observation switch
        {
            { TimedOut: true, FailedByHarness: true } => $"close {Code(observation.HarnessCloseCode)} from the harness after the {definition.Timeout.TotalMilliseconds:0} ms deadline",
            { TimedOut: true } => $"close {Code(observation.HarnessCloseCode)} from the harness after the {definition.Timeout.TotalMilliseconds:0} ms deadline",
            { FailedByHarness: true } => $"the harness failed the connection with {Code(observation.HarnessCloseCode)}",
            { HarnessSentClose: true } => $"close {Code(observation.HarnessCloseCode)} from the harness",
            _ => "the harness dropped TCP",
        };
        var answer = peerClose is not null ? $", answered by {peerClose}"
            : observation.HarnessSentClose ? ", never answered" : "";
        return harness + answer;
    }

    public static string Code(ushort? code) => code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without code";
}
