namespace Conformance.Fuzz.Afl;

/// <summary>A fuzz target: consumes one input; any exception it lets out is a crash (SharpFuzz's delegate of the same name).</summary>
public delegate void ReadOnlySpanAction(ReadOnlySpan<byte> data);
