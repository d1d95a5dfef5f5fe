using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Judging;

/// <summary>
/// Turns a case and what was observed into verdicts: Autobahn's algorithm in its order (events, then the closing
/// behaviour, then the per-case overrides), the handshake expectations, and the always-on checks of the peer's output.
/// </summary>
public static class Judge
{
    /// <param name="definition">The case as written.</param>
    /// <param name="observation">What the runner saw.</param>
    /// <param name="maxMessageSize">The largest message the user says the target takes (0 = unknown): a 1009 for a larger one is informational.</param>
    public static CaseResult Evaluate(CaseDefinition definition, Observation observation, long maxMessageSize = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observation);
        if (definition.Survives is not null)
        {
            return SurvivalJudge.Judge(definition, observation);
        }

        var violations = AlwaysOnChecks.Run(observation);
        var (verdict, closeVerdict, reasons) = Decide(definition, observation, violations, maxMessageSize);
        if (definition.Informational)
        {
            (verdict, closeVerdict) = (Verdict.Informational, CloseVerdict.Informational);
            // Recorded, not judged: the reason says what the peer did, for the report and JUnit's system-out.
            reasons.Insert(0, observation.Response is { } response && !(definition.Handshake?.ExpectStatus ?? [101]).Contains(101)
                ? $"recorded: the server answered {response.StatusCode} {response.ReasonPhrase}"
                : $"recorded: {EventText.Describe(observation.Events)} then {EndingText.Describe(observation, definition)}");
        }

        return new CaseResult
        {
            Id = definition.Id,
            Autobahn = definition.Autobahn,
            Verdict = verdict,
            CloseVerdict = closeVerdict,
            Reason = string.Join("; ", reasons.Distinct()),
            DurationMs = (long)observation.Duration.TotalMilliseconds,
            RemoteCloseCode = observation.PeerCloseCode,
            Violations = violations,
            Observation = observation,
        };
    }


    /// <summary>Above this many received events a mismatch is described by its first difference.</summary>
    private const int LongEventList = 20;

    private static (Verdict, CloseVerdict, List<string>) Decide(CaseDefinition definition, Observation observation, IReadOnlyList<PeerViolation> violations, long maxMessageSize)
    {
        var sections = string.Join(", ", definition.Spec);
        var reasons = new List<string>();
        if (observation.ConnectError is not null)
        {
            return (Verdict.Failed, CloseVerdict.Failed, [$"RFC 6455 4.1: the opening handshake could not start: {observation.ConnectError}"]);
        }

        // The harness was the server: what only a client can fail.
        if (observation.HarnessRole == Role.Server && ClientRoleJudge.Judge(definition, observation) is { } client)
        {
            return (client.Verdict, client.Close, client.Reason is null ? [] : [client.Reason]);
        }

        if (observation.Response is null)
        {
            return (Verdict.Failed, CloseVerdict.Failed, [$"RFC 6455 4.1: the WebSocket opening handshake was never completed: {observation.HandshakeError ?? "no response"}"]);
        }

        var handshake = HandshakeJudge.Judge(definition.Handshake, observation.Response, sections, HandshakeJudge.ResponseIndex(observation));
        reasons.AddRange(handshake.Select(problem => problem.Reason));
        var verdict = handshake.Count == 0 ? Verdict.Ok : handshake.Max(problem => problem.Verdict);
        var closeVerdict = CloseVerdict.Ok;
        var expectsUpgrade = (definition.Handshake?.ExpectStatus ?? [101]).Contains(101);
        if (!expectsUpgrade || observation.Response.StatusCode != 101)
        {
            // A handshake case ends with the response; so does an upgrade the server refused.
            closeVerdict = verdict == Verdict.Failed ? CloseVerdict.Failed : CloseVerdict.Ok;
        }
        else if (!observation.HandshakeCompleted)
        {
            reasons.Add($"RFC 6455 4.1: the WebSocket opening handshake was never completed: {observation.HandshakeError}");
            (verdict, closeVerdict) = (Verdict.Failed, CloseVerdict.Failed);
        }
        else if (observation.DeflateDeclined)
        {
            // RFC 7692 5: the server may decline the extension; the case tests it, so there is nothing to judge (Autobahn 12/13).
            reasons.Add($"RFC 7692 5: the server did not accept the permessage-deflate offer \"{definition.Handshake?.Deflate?.Offer}\", so the case cannot run");
            verdict = verdict == Verdict.Failed ? Verdict.Failed : Verdict.Unimplemented;
            closeVerdict = observation.WasClean ? CloseVerdict.Ok : CloseVerdict.Unclean;
            AddIf(reasons, observation.WasClean ? null : $"RFC 6455 7.1.1: the close was not clean: {observation.NotCleanReason}");
            verdict = ApplyCloseAnswered(definition, observation, verdict, reasons);
        }
        else
        {
            var eventVerdict = JudgeEvents(definition, observation, sections, reasons);
            verdict = verdict == Verdict.Failed ? Verdict.Failed : eventVerdict;
            (closeVerdict, var closeReason) = CloseJudge.Judge(definition, observation);
            AddIf(reasons, closeReason);
            verdict = ApplyOverrides(definition, observation, verdict, closeVerdict, reasons);
            verdict = ApplyCloseAnswered(definition, observation, verdict, reasons);
        }

        // RFC 6455 10.4: an implementation may limit frame and message size (and so the work a message costs); a SHOULD
        // case refused with 1009 (too big) or 1008 (policy) is conformant, not the strict outcome. Autobahn says FAILED.
        if (verdict == Verdict.Failed && definition.Level == RequirementLevel.Should && reasons.Count > 0
            && observation.ClosedBy == Closer.Peer && observation.PeerCloseCode is CloseCode.MessageTooBig or CloseCode.PolicyViolation)
        {
            verdict = Verdict.NonStrict;
            reasons.Insert(0, $"RFC 6455 10.4: the peer refused the case with close {observation.PeerCloseCode} ({observation.PeerCloseReason}), a limit an implementation may impose");
        }

        verdict = ApplyViolations(violations, verdict, reasons);
        if (observation.HitHardCap)
        {
            reasons.Add("the case was cut off at its hard cap");
        }

        // Harness faults do not change the verdict, but a reader must know the evidence may be incomplete.
        reasons.AddRange(observation.Errors.Select(e => $"harness fault: {e}"));

        // RFC 6455 7.4.1: a peer may refuse a message bigger than it can process with 1009; within the declared limit, recorded only.
        if (maxMessageSize > 0 && observation.LargestMessageSent > maxMessageSize && observation.PeerCloseCode == CloseCode.MessageTooBig)
        {
            reasons.Insert(0, $"RFC 6455 7.4.1: the peer refused a {observation.LargestMessageSent}-byte message with 1009; the declared limit is {maxMessageSize} bytes");
            (verdict, closeVerdict) = (Verdict.Informational, CloseVerdict.Informational);
        }

        return (verdict, closeVerdict, reasons);
    }

    /// <summary>Autobahn 3.3 step 1: the first expected list that equals what was received gives the verdict.</summary>
    private static Verdict JudgeEvents(CaseDefinition definition, Observation observation, string sections, List<string> reasons)
    {
        if (definition.Outcomes.Count == 0)
        {
            return Verdict.Ok;
        }

        foreach (var (outcome, events) in definition.Outcomes)
        {
            if (EventMatcher.Matches(events, observation.Events))
            {
                if (outcome != Verdict.Ok && definition.Outcomes.FirstOrDefault(o => o.Key == Verdict.Ok).Value is { } strict)
                {
                    // Conformant, but not the strict choice: say what the strict one was.
                    reasons.Add($"{sections}: got {EventText.Describe(observation.Events)}, the {outcome.ToAutobahn()} outcome; the strict outcome is {EventText.Describe(strict)}");
                }

                return outcome;
            }
        }

        var expected = definition.Outcomes.Count == 1
            ? EventText.Describe(definition.Outcomes[0].Value)
            : string.Join(" or ", definition.Outcomes.Select(outcome => $"{outcome.Key.ToAutobahn()} {EventText.Describe(outcome.Value)}"));
        if (observation.Events.Count > LongEventList)
        {
            // A bulk case (1000 round trips): name the first event that differs, not every event.
            var strict = definition.Outcomes[0].Value;
            var at = EventMatcher.FirstDifference(strict, observation.Events);
            var wanted = at < strict.Count ? EventText.Describe(strict[at]) : "nothing more";
            var got = at < observation.Events.Count ? EventText.Describe(observation.Events[at]) : "nothing more";
            reasons.Add($"{sections}: expected {expected}, got {observation.Events.Count} events then {EndingText.Describe(observation, definition)}; the first difference is event {at + 1}: expected {wanted}, got {got}");
            return Verdict.Failed;
        }

        reasons.Add($"{sections}: expected {expected}, got {EventText.Describe(observation.Events)} then {EndingText.Describe(observation, definition)}");
        return Verdict.Failed;
    }

    /// <summary>
    /// Autobahn 3.3 step 4, as the RFC's keywords have it: a peer that must fail the connection (RFC 6455 7.1.7) and never
    /// did, so the harness had to close, breaks the case's requirement: FAILED for a MUST (or with harness-closing-fails),
    /// NON-STRICT for a SHOULD. A wrong code fails a close case (Autobahn's section 7).
    /// </summary>
    private static Verdict ApplyOverrides(CaseDefinition definition, Observation observation, Verdict verdict, CloseVerdict closeVerdict, List<string> reasons)
    {
        if (definition.Close.By == Closer.Peer && observation.ClosedBy == Closer.Harness && !observation.Settled && !(observation.FailedByHarness && !observation.TimedOut))
        {
            var how = observation.TimedOut ? $"the harness had to close after the {definition.Timeout.TotalMilliseconds:0} ms deadline" : "the harness had to close";
            reasons.Add($"RFC 6455 7.1.7 ({string.Join(", ", definition.Spec)}): the peer never failed the connection; {how}");
            verdict = definition.Level == RequirementLevel.Must || definition.Close.HarnessClosingFails ? Verdict.Failed
                : verdict == Verdict.Ok ? Verdict.NonStrict : verdict;
        }

        if (definition.Close.WrongCodeFails && closeVerdict == CloseVerdict.WrongCode)
        {
            verdict = Verdict.Failed;
        }

        return verdict;
    }

    /// <summary>
    /// RFC 6455 5.5.1: an endpoint that receives a Close frame (and sent none) MUST send one in response. A peer that
    /// closed TCP instead, or let the close handshake timeout pass, breaks that: FAILED.
    /// </summary>
    private static Verdict ApplyCloseAnswered(CaseDefinition definition, Observation observation, Verdict verdict, List<string> reasons)
    {
        if (!observation.HarnessClosedFirst || !observation.HarnessCloseWritten || observation.PeerSentClose || AnnouncesMoreThanItSends(definition))
        {
            return verdict;
        }

        var how = observation.CloseHandshakeTimeout ? $"no close frame came within the close handshake timeout ({observation.NotCleanReason})"
            : observation.PeerReset ? "the peer reset TCP without one"
            : observation.ServerClosedTcp ? "the peer closed TCP without one"
            : "none came";
        reasons.Add($"RFC 6455 5.5.1: an endpoint that receives a Close frame MUST send a Close frame in response; the harness's close (code {EndingText.Code(observation.HarnessCloseCode)}) got no answer: {how}");
        return Verdict.Failed;
    }

    /// <summary>
    /// RFC 6455 5.2: after a frame whose length announces more bytes than the case sends, every later byte is that
    /// frame's payload, so the harness's close never reaches the peer as a close frame: there is nothing to answer.
    /// </summary>
    private static bool AnnouncesMoreThanItSends(CaseDefinition definition) =>
        definition.Steps.Any(step => step switch
        {
            SendFrameStep send => Lies(send.Frame),
            SendFramesStep send => send.Frames.Any(Lies),
            _ => false,
        });

    private static bool Lies(FrameSpec frame) => frame.LengthOverride is { } announced && announced > (ulong)frame.Payload.Length;

    /// <summary>The always-on checks: a broken MUST fails the case; a broken SHOULD makes an OK non-strict.</summary>
    private static Verdict ApplyViolations(IReadOnlyList<PeerViolation> violations, Verdict verdict, List<string> reasons)
    {
        foreach (var violation in violations.Take(5))
        {
            reasons.Add(violation.ToString());
        }

        if (violations.Count > 5)
        {
            reasons.Add($"and {violations.Count - 5} more violations");
        }

        if (violations.Any(violation => violation.Level == RequirementLevel.Must))
        {
            return Verdict.Failed;
        }

        return violations.Count > 0 && verdict == Verdict.Ok ? Verdict.NonStrict : verdict;
    }

    private static void AddIf(List<string> reasons, string? reason)
    {
        if (reason is not null)
        {
            reasons.Add(reason);
        }
    }
}
