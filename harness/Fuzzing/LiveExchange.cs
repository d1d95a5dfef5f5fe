using Conformance.Fuzz.Property;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing;

/// <summary>Runs one generated exchange against the target as a case (runner, observer, judge) and says whether it is a finding.</summary>
public sealed class LiveExchange(RunOptions options)
{
    // Property mode allows echoes and pongs interleaved, which a case's exact lists cannot say: never close early on them.
    private readonly CaseRunner _runner = new(options with { SettleEarly = false });

    public async Task<ExchangeOutcome> RunAsync(FuzzExchange exchange, string id, string provenance, CancellationToken cancellationToken)
    {
        var expected = ExchangeOracle.Predict(exchange);
        exchange = exchange with { Frames = expected.Frames };
        var yaml = ExchangeCaseFile.Write(id, exchange, expected, provenance);
        var definition = CaseLoader.LoadText(yaml, $"{id}.yaml").Single();
        var observation = await _runner.RunAsync(definition, cancellationToken);
        var result = Judge.Evaluate(definition, observation);
        var finding = IsFinding(definition, expected, result);
        return new ExchangeOutcome(exchange, expected, yaml, result, finding, finding ? BrokenRule(definition, expected, result) : string.Empty);
    }

    /// <summary>
    /// FAILED is a finding, unless the peer did what the model allows but in an order the case cannot express:
    /// echoes (application) and pongs (protocol layer) each in order but interleaved otherwise (RFC 6455 fixes no order
    /// between them), or, when it had to fail the connection, answering only part of what came before (it read the
    /// violation in the same buffer), or, when the client closed, dropping echoes not yet sent. Those are conformant.
    /// </summary>
    private static bool IsFinding(CaseDefinition definition, ExpectedExchange expected, CaseResult result)
    {
        // A target that cannot be reached proves nothing about the exchange (the campaign stops on it).
        if (result.Verdict != Verdict.Failed || result.Observation.Cancelled || result.Observation.ConnectError is not null)
        {
            return false;
        }

        // What the peer sent broke a rule of its own (always-on checks): always a finding.
        if (result.Violations.Count > 0)
        {
            return true;
        }

        var strict = definition.Outcomes.FirstOrDefault(o => o.Key == Verdict.Ok).Value ?? [];
        var observed = result.Observation.Events;
        var code = result.RemoteCloseCode;
        if (expected.End is ExpectedEnd.PeerFails or ExpectedEnd.PeerAnswersCloseWithError)
        {
            // The peer must be the one that failed the connection (after an invalid close, it answers it).
            var byPeer = expected.End == ExpectedEnd.PeerAnswersCloseWithError || result.Observation.ClosedBy == Closer.Peer;
            var failed = byPeer && (code is null ? result.Observation.ServerClosedTcp : expected.Codes.Contains(code.Value));
            return !(failed && PerKind(observed, strict, (o, e) => IsSubsequence(o, e)));
        }

        // The client's own close may overtake echoes the peer's application had not sent yet: those may be missing.
        if (expected.End == ExpectedEnd.PeerAnswersClose)
        {
            return !(code is not null && PerKind(observed, strict, (o, e) => IsSubsequence(o, e)));
        }

        return !(code is not null && PerKind(observed, strict, (o, e) => o.Count == e.Count && o.Zip(e).All(p => EventMatcher.Matches(p.Second, p.First))));
    }

    /// <summary>
    /// The rule a finding breaks, for deduplication: a pong that answers no ping as sent (RFC 6455 5.5.3), else the
    /// model's rule when the peer had to fail or answer an invalid close, else the judge's first section.
    /// </summary>
    private static string BrokenRule(CaseDefinition definition, ExpectedExchange expected, CaseResult result)
    {
        var strict = definition.Outcomes.FirstOrDefault(o => o.Key == Verdict.Ok).Value ?? [];
        var pongs = result.Observation.Events.Where(o => o is ObservedPong).ToList();
        if (!IsSubsequence(pongs, [.. strict.Where(e => e is ExpectedPong)]))
        {
            return "RFC 6455 5.5.3: a pong carries the application data of the ping it answers";
        }

        if (expected.End is ExpectedEnd.PeerFails or ExpectedEnd.PeerAnswersCloseWithError)
        {
            return $"{expected.Section}: {expected.Rule}";
        }

        return System.Text.RegularExpressions.Regex.Match(result.Reason, @"RFC ?\d+ [\d.]+").Value is { Length: > 0 } section ? section : result.Reason.Split(':')[0];
    }

    /// <summary>The test holds for the messages and for the pongs, each kind on its own.</summary>
    private static bool PerKind(IReadOnlyList<ObservedEvent> observed, IReadOnlyList<ExpectedEvent> expected, Func<IReadOnlyList<ObservedEvent>, IReadOnlyList<ExpectedEvent>, bool> test) =>
        test([.. observed.Where(o => o is ObservedMessage)], [.. expected.Where(e => e is ExpectedMessage)])
        && test([.. observed.Where(o => o is ObservedPong)], [.. expected.Where(e => e is ExpectedPong)])
        && observed.All(o => o is ObservedMessage or ObservedPong);

    private static bool IsSubsequence(IReadOnlyList<ObservedEvent> observed, IReadOnlyList<ExpectedEvent> expected)
    {
        var next = 0;
        foreach (var seen in observed)
        {
            while (next < expected.Count && !EventMatcher.Matches(expected[next], seen))
            {
                next++;
            }

            if (next++ >= expected.Count)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One exchange run live: what the model expected, the case text that ran, the judged result, whether it is a finding and the rule it breaks.</summary>
public sealed record ExchangeOutcome(FuzzExchange Exchange, ExpectedExchange Expected, string CaseYaml, CaseResult Result, bool Finding, string Rule)
{
    /// <summary>Why the target could not be reached, or null.</summary>
    public string? Unreachable => Result.Observation.ConnectError;
}
