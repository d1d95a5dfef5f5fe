namespace Conformance.Harness.Cases.Model;

/// <summary>Where something was written: file and 1-based line and column, for error messages a user can act on.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
