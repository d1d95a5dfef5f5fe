namespace Conformance.Fuzz.Instrumentation;

/// <summary>What <see cref="Instrumenter.Instrument"/> did: how many methods and blocks it instrumented.</summary>
public sealed record InstrumentationResult(string OutputPath, int Types, int Methods, int Blocks);
