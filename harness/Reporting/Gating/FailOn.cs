namespace Conformance.Harness.Reporting.Gating;

/// <summary>Which verdicts fail a CI job. INFORMATIONAL and UNIMPLEMENTED never do.</summary>
public enum FailOn
{
    /// <summary>FAILED fails the job (the default).</summary>
    Failed,

    /// <summary>NON-STRICT and FAILED fail the job.</summary>
    NonStrict,
}

public static class FailOnRules
{
    /// <summary>Whether a case with this verdict fails the job at this level.</summary>
    public static bool Gates(this FailOn level, string verdict) => verdict switch
    {
        "FAILED" => true,
        "NON-STRICT" => level == FailOn.NonStrict,
        _ => false,
    };

    /// <summary>How bad a verdict is: OK and INFORMATIONAL 0, UNIMPLEMENTED 1, NON-STRICT 2, FAILED 3.</summary>
    public static int Severity(string verdict) => verdict switch
    {
        "FAILED" => 3,
        "NON-STRICT" => 2,
        "UNIMPLEMENTED" => 1,
        _ => 0,
    };
}
