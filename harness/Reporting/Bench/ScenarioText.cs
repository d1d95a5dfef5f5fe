using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>A scenario in words, for the line under its label: what was sent, how, and for how long.</summary>
internal static class ScenarioText
{
    public static string Describe(BenchScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Mode == BenchMode.Hold)
        {
            return $"{BenchNumbers.Whole(scenario.Hold)} idle connections opened at {BenchNumbers.Rate(scenario.HandshakeRate)} handshakes/s, held {BenchNumbers.Duration(scenario.HoldFor)}, then each pinged";
        }

        var kind = scenario.Kind == MessageKind.Text ? "text" : "binary";
        var connections = scenario.Connections == 1 ? "1 connection" : $"{BenchNumbers.Whole(scenario.Connections)} connections";
        var loop = scenario.Rate is { } rate
            ? $"open loop at {BenchNumbers.Rate(rate)} msgs/s in all"
            : $"closed loop, {scenario.InFlight} in flight per connection";
        var deflate = scenario.Deflate ? ", permessage-deflate offered" : string.Empty;
        return $"{BenchNumbers.Whole(scenario.Size)}-byte {kind} messages over {connections}, {loop}{deflate}; {BenchNumbers.Duration(scenario.Duration)} measured after {BenchNumbers.Duration(scenario.Warmup)} warm-up";
    }
}
