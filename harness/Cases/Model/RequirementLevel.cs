namespace Conformance.Harness.Cases.Model;

/// <summary>How strongly the spec asks for what a case checks (RFC 2119).</summary>
public enum RequirementLevel
{
    Must,
    Should,
    Informational,
}
