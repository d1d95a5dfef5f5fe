namespace Conformance.Harness.Reporting.Html;

/// <summary>Element ids and CSS class names the components and the script agree on.</summary>
public static class ReportIds
{
    public static string CaseAnchor(int targetIndex, string caseId) => $"t{targetIndex}-{caseId}";

    /// <summary>The CSS class of a verdict cell (v-ok, v-non-strict, v-failed, ...; v-missing when the case did not run).</summary>
    public static string VerdictClass(string? verdict) => verdict is null ? "v-missing" : "v-" + verdict.ToLowerInvariant().Replace(' ', '-');

}
