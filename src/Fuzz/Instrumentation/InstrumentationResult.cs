namespace Conformance.Fuzz.Instrumentation;

/// <summary>
/// What <see cref="Instrumenter.Instrument"/> did: how many methods and blocks it instrumented, and which deps.json files
/// it added the coverage runtime to.
/// </summary>
public sealed record InstrumentationResult(string OutputPath, int Types, int Methods, int Blocks, IReadOnlyList<string> RegisteredIn);
