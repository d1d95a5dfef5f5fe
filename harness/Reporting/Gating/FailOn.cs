namespace Conformance.Harness.Reporting.Gating;

/// <summary>Which verdicts fail the job (<c>--fail-on</c>). INFORMATIONAL and UNIMPLEMENTED never do.</summary>
public enum FailOn
{
    /// <summary>FAILED fails the job (the default).</summary>
    Failed,

    /// <summary>NON-STRICT or FAILED fails the job.</summary>
    NonStrict,
}
