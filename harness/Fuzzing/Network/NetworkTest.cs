using Conformance.Fuzz.Network;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>One network input run live as its own case file (<see cref="NetworkCaseFile"/>): what happened, and the answer's shape.</summary>
public static class NetworkTest
{
    public static Task<NetworkTestOutcome> RunAsync(CaseRunner runner, NetworkInput input, TimeSpan answerWithin, CancellationToken cancellationToken) =>
        RunAsync(runner, Definition(input, answerWithin), cancellationToken);

    /// <summary>The input as the case a campaign runs (the same text a finding file holds, but for its id and comments).</summary>
    public static CaseDefinition Definition(NetworkInput input, TimeSpan answerWithin)
    {
        var yaml = NetworkCaseFile.Write("fuzz.network-test", input, FindingKind.Crash, answerWithin, []);
        return CaseLoader.LoadText(yaml, "fuzz.network-test.yaml").Single();
    }

    public static async Task<NetworkTestOutcome> RunAsync(CaseRunner runner, CaseDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var observation = await runner.RunAsync(definition, cancellationToken);
        return new NetworkTestOutcome(definition, observation);
    }
}

/// <summary>A network test as it ran: the case and the observation with its survival check.</summary>
public sealed record NetworkTestOutcome(CaseDefinition Definition, Observation Observation)
{
    /// <summary>A fresh connection was answered afterwards (true when the check did not run: cancelled).</summary>
    public bool Answered => Observation.Survival?.Answered ?? true;

    /// <summary>The server closed this connection after the harness closed its side (null: not seen).</summary>
    public bool? Released => Observation.Survival?.Released;

    /// <summary>
    /// What the server answered, as a state for the corpus (AFLNet's idea: a new kind of answer is a new state worth
    /// exploring from): the status, the kinds of the first events, the close code, how TCP ended, rules it broke.
    /// </summary>
    public string Shape
    {
        get
        {
            var o = Observation;
            var events = string.Concat(o.Events.Take(8).Select(e => e switch
            {
                ObservedMessage { Binary: true } => 'B',
                ObservedMessage => 'T',
                ObservedPong => 'O',
                ObservedPing => 'P',
                _ => '?',
            }));
            var violations = string.Join(",", o.Violations.Select(v => v.Section).Distinct().Order(StringComparer.Ordinal));
            return $"{o.Response?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (o.HandshakeError is null ? "-" : "noanswer")}|{events}|{o.PeerCloseCode}|{(o.PeerReset ? "rst" : o.ServerClosedTcp ? "fin" : "open")}|{Released}|{violations}";
        }
    }
}
