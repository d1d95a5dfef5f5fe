namespace Conformance.Fuzz.Campaign;

/// <summary>A crash a campaign found: AFL++'s file, the minimised input (when afl-tmin ran) and the regression test written for it.</summary>
public sealed record CrashFinding(string CrashFile, byte[] Input, byte[]? Minimized, string? RegressionTestFile);
