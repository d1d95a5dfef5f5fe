namespace Conformance.Harness.Fuzzing.Network.Supervision;

/// <summary>The server under test could not be started or never became ready; the message says which and shows its stderr.</summary>
public sealed class TargetStartException(string message) : Exception(message);
