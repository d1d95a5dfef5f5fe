using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Judging;

/// <summary>
/// Judges a <c>survives</c> case: what the server answered to the (usually malformed) input is recorded, not judged;
/// the verdict says whether it survived. No answer to a fresh connection afterwards is a crash or a hang (RFC 6455 7.1.7:
/// bad input fails that one connection, and 10.4: an implementation MUST protect itself); a connection the server
/// never closed after the harness's FIN is a stuck connection (RFC 6455 7.1.1). A MUST case is FAILED for either, a
/// SHOULD case NON-STRICT.
/// </summary>
public static class SurvivalJudge
{
    public static CaseResult Judge(CaseDefinition definition, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observation);
        var failed = definition.Level == RequirementLevel.Must ? Verdict.Failed : definition.Level == RequirementLevel.Should ? Verdict.NonStrict : Verdict.Informational;
        var survival = observation.Survival;
        var exchange = $"{EventText.Describe(observation.Events)} then {EndingText.Describe(observation, definition)}";
        var (verdict, reason) = survival switch
        {
            null when observation.ConnectError is not null => (failed, $"RFC 6455 4.1: the connection could not be opened: {observation.ConnectError}"),
            null => (Verdict.Informational, $"no survival check ran; recorded: {exchange}"),
            { Answered: false } => (failed, $"RFC 6455 7.1.7, 10.4: the server stopped answering after this input (a crash or a hang): {survival.Detail}"),
            { Released: false } => (failed, $"RFC 6455 7.1.1: the server never closed this connection after the harness closed its side of TCP (a stuck connection); {survival.Detail}"),
            _ => (Verdict.Ok, $"survived: {survival.Detail}; recorded: {exchange}"),
        };
        if (definition.Informational && verdict != Verdict.Ok)
        {
            verdict = Verdict.Informational;
        }

        return new CaseResult
        {
            Id = definition.Id,
            Autobahn = definition.Autobahn,
            Verdict = verdict,
            CloseVerdict = verdict == Verdict.Ok ? CloseVerdict.Ok : verdict == Verdict.Informational ? CloseVerdict.Informational : CloseVerdict.Failed,
            Reason = reason,
            DurationMs = (long)observation.Duration.TotalMilliseconds,
            RemoteCloseCode = observation.PeerCloseCode,
            Observation = observation,
        };
    }
}
