using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>Autobahn's closing behaviour verdict: the first rule that applies, in Autobahn's order (wrong endpoint, unclean, wrong code, dropped by the client).</summary>
public static class CloseJudge
{
    public static (CloseVerdict Verdict, string? Reason) Judge(CaseDefinition definition, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observation);
        var expectation = definition.Close;
        var closedByHarness = observation.ClosedBy == Closer.Harness;

        // RFC 6455 7.1.7: who fails (or closes) the connection is part of the requirement.
        if (closedByHarness != (expectation.By == Closer.Harness))
        {
            var wanted = expectation.By == Closer.Peer ? "the peer to fail the connection" : "the harness to close";
            return (CloseVerdict.Failed, $"RFC 6455 7.1.7: the connection was failed by the wrong endpoint: expected {wanted}, got {EndingText.Describe(observation, definition)}");
        }

        // RFC 6455 7.1.1: a clean close is a full closing handshake, then the server closes TCP.
        if (expectation.RequireClean && !observation.WasClean)
        {
            return (CloseVerdict.Unclean, $"RFC 6455 7.1.1: the close was not clean: {observation.NotCleanReason}");
        }

        // RFC 6455 7.4.1: the peer's status code must be one the case allows. A close without a code (1005, RFC 6455 7.1.5)
        // answers a normal closure, so it stands where 1000 does; a peer failing the connection sends the code of the error
        // (RFC 6455 7.1.7, 7.4.1), and an empty close is not that code.
        if (observation.PeerSentClose && !Accepts(expectation, observation.PeerCloseCode))
        {
            var got = observation.PeerCloseCode is { } code ? $"with {code}" : "without a status code";
            return (CloseVerdict.WrongCode, $"RFC 6455 7.4.1: the peer closed {got}, expected {(expectation.Codes.Count == 1 ? expectation.Codes[0] : $"one of [{string.Join(", ", expectation.Codes)}]")} (frame #{observation.PeerCloseIndex})");
        }

        // RFC 6455 7.1.1: the server, not the client, should close TCP.
        if (observation.DroppedByHarness)
        {
            return (CloseVerdict.FailedByClient, $"RFC 6455 7.1.1: the harness had to drop TCP itself: {observation.NotCleanReason}");
        }

        return (CloseVerdict.Ok, null);
    }

    /// <summary>Whether the peer's close code (null: none) is one the case accepts.</summary>
    public static bool Accepts(CloseExpectation expectation, ushort? code) =>
        code is { } value ? expectation.Codes.Contains(value) : expectation.Codes.Contains(ReferenceImpl.Protocol.CloseCode.NormalClosure);
}
