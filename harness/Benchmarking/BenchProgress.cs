namespace Conformance.Harness.Benchmarking;

/// <summary>
/// The live line of a measurement, once a second. <see cref="Phase"/> is "warm-up", "measuring", "ramp", "hold" or
/// "checking"; the figures are those of the last second.
/// </summary>
public sealed record BenchProgress(string Target, string Scenario, string Phase, double Second, double MessagesPerSecond, double P99Ms, int Open, long Errors, long WrongEchoes);
