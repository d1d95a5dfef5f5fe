namespace Conformance.Harness.Fuzzing.Network;

/// <summary>What one test did to the server: nothing (null kind), or a finding of a kind with its signature, exit and stderr.</summary>
public sealed record TestVerdict(FindingKind? Kind, string Signature, string? Exit, string Stderr)
{
    public static readonly TestVerdict Fine = new(null, string.Empty, null, string.Empty);

    public static TestVerdict Of(FindingKind kind) => new(kind, kind.Slug(), null, string.Empty);
}
