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
    private readonly CaseRunner _runner = new(options);

    public async Task<ExchangeOutcome> RunAsync(FuzzExchange exchange, string id, string provenance, CancellationToken cancellationToken)
    {
        var expected = ExchangeOracle.Predict(exchange);
        exchange = exchange with { Frames = expected.Frames };
        var yaml = ExchangeCaseFile.Write(id, exchange, expected, provenance);
        var definition = CaseLoader.LoadText(yaml, $"{id}.yaml").Single();
        var observation = await _runner.RunAsync(definition, cancellationToken);
        var result = Judge.Evaluate(definition, observation);
        return new ExchangeOutcome(exchange, expected, yaml, result, IsFinding(definition, expected, result));
    }

    /// <summary>
    /// FAILED is a finding, except a peer that fails the connection as it must (close verdict OK) after answering only
    /// part of what came before, in order (it read the violation in the same buffer, or dropped echoes its application
    /// had not sent yet while answering pings at once). Conformant, so no finding.
    /// </summary>
    private static bool IsFinding(CaseDefinition definition, ExpectedExchange expected, CaseResult result)
    {
        // A target that cannot be reached proves nothing about the exchange (the campaign stops on it).
        if (result.Verdict != Verdict.Failed || result.Observation.Cancelled || result.Observation.ConnectError is not null)
        {
            return false;
        }

        if (expected.End is not (ExpectedEnd.PeerFails or ExpectedEnd.PeerAnswersCloseWithError) || result.CloseVerdict != CloseVerdict.Ok)
        {
            return true;
        }

        var strict = definition.Outcomes.FirstOrDefault(o => o.Key == Verdict.Ok).Value ?? [];
        return !IsSubsequence(result.Observation.Events, strict);
    }

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

/// <summary>One exchange run live: what the model expected, the case text that ran, the judged result, and whether it is a finding.</summary>
public sealed record ExchangeOutcome(FuzzExchange Exchange, ExpectedExchange Expected, string CaseYaml, CaseResult Result, bool Finding)
{
    /// <summary>Why the target could not be reached, or null.</summary>
    public string? Unreachable => Result.Observation.ConnectError;

    /// <summary>The rule a finding breaks, to deduplicate findings: the model's rule when the peer had to fail, else the judge's first RFC section.</summary>
    public string Rule => Expected.End is ExpectedEnd.PeerFails or ExpectedEnd.PeerAnswersCloseWithError
        ? $"{Expected.Section}: {Expected.Rule}"
        : System.Text.RegularExpressions.Regex.Match(Result.Reason, @"RFC ?\d+ [\d.]+").Value is { Length: > 0 } section ? section : Result.Reason.Split(':')[0];
}
