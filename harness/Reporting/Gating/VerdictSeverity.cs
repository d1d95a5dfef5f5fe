using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// How bad a verdict is, to tell a regression from a fix: OK = INFORMATIONAL = 0 &lt; UNIMPLEMENTED = 1 &lt;
/// NON-STRICT = 2 &lt; FAILED = 3.
/// </summary>
public static class VerdictSeverity
{
    public static int Of(Verdict verdict) => verdict switch
    {
        Verdict.Ok or Verdict.Informational => 0,
        Verdict.Unimplemented => 1,
        Verdict.NonStrict => 2,
        _ => 3,
    };

    /// <summary>The severity of a verdict spelled as Autobahn spells it (a baseline file's), or null when it is not one.</summary>
    public static int? Of(string? verdict) => verdict is not null && VerdictSpelling.TryParseVerdict(verdict, out var parsed) ? Of(parsed) : null;

    /// <summary>
    /// The verdict a gate reads: the case's verdict, or FAILED when its close verdict is FAILED (Autobahn's users gate on
    /// both behavior and behaviorClose), NON-STRICT for such a case of level SHOULD.
    /// </summary>
    public static Verdict Gating(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CloseVerdict != CloseVerdict.Failed || record.Verdict == Verdict.Failed)
        {
            return record.Verdict;
        }

        return record.Level switch
        {
            "MUST" => Verdict.Failed,
            "SHOULD" when Of(record.Verdict) < Of(Verdict.NonStrict) => Verdict.NonStrict,
            _ => record.Verdict,
        };
    }

    /// <summary>True when the verdict fails the job at the given level: FAILED always, NON-STRICT with <see cref="FailOn.NonStrict"/>.</summary>
    public static bool Gates(Verdict verdict, FailOn failOn) =>
        verdict == Verdict.Failed || (failOn == FailOn.NonStrict && verdict == Verdict.NonStrict);
}
