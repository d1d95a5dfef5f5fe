using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// How bad a verdict is, to tell a regression from a fix: OK = INFORMATIONAL = 0 &lt; UNIMPLEMENTED = 1 &lt;
/// NON-STRICT = 2 &lt; FAILED = 3. A verdict this version does not know has no severity (null).
/// </summary>
public static class VerdictSeverity
{
    /// <summary>The severity of a verdict spelled as in results.json, or null when it is not one.</summary>
    public static int? Of(string? verdict) => verdict switch
    {
        "OK" or "INFORMATIONAL" => 0,
        "UNIMPLEMENTED" => 1,
        "NON-STRICT" => 2,
        "FAILED" => 3,
        _ => null,
    };

    /// <summary>
    /// The verdict a gate reads: the case's verdict, or FAILED when its close verdict is FAILED (Autobahn's users gate on
    /// both behavior and behaviorClose), NON-STRICT for such a case of level SHOULD.
    /// </summary>
    public static string Gating(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CloseVerdict != CloseVerdict.Failed.ToAutobahn() || Of(record.Verdict) >= Of(Verdict.Failed.ToAutobahn()))
        {
            return record.Verdict;
        }

        return record.Level switch
        {
            "MUST" => Verdict.Failed.ToAutobahn(),
            "SHOULD" when Of(record.Verdict) < Of(Verdict.NonStrict.ToAutobahn()) => Verdict.NonStrict.ToAutobahn(),
            _ => record.Verdict,
        };
    }

    /// <summary>True when the verdict fails the job at the given level: FAILED always, NON-STRICT with <see cref="FailOn.NonStrict"/>.</summary>
    public static bool Gates(string? verdict, FailOn failOn) =>
        verdict == Verdict.Failed.ToAutobahn() || (failOn == FailOn.NonStrict && verdict == Verdict.NonStrict.ToAutobahn());
}
