namespace Conformance.Harness.Cases.Model;

/// <summary>The protocol verdict of a case, as Autobahn users know it (spelled as Autobahn spells it in results).</summary>
public enum Verdict
{
    Ok,
    NonStrict,
    Informational,
    Unimplemented,
    Failed,
}

/// <summary>The verdict on how the connection ended (Autobahn's behaviorClose).</summary>
public enum CloseVerdict
{
    Ok,
    Failed,
    WrongCode,
    Unclean,
    FailedByClient,
    Informational,
}

public static class VerdictSpelling
{
    /// <summary>Every verdict as spelled in results, in the order totals and reports list them.</summary>
    public static IReadOnlyList<string> InReportOrder { get; } =
        [.. new[] { Verdict.Ok, Verdict.NonStrict, Verdict.Informational, Verdict.Unimplemented, Verdict.Failed }.Select(v => v.ToAutobahn())];

    public static string ToAutobahn(this Verdict verdict) => verdict switch
    {
        Verdict.Ok => "OK",
        Verdict.NonStrict => "NON-STRICT",
        Verdict.Informational => "INFORMATIONAL",
        Verdict.Unimplemented => "UNIMPLEMENTED",
        _ => "FAILED",
    };

    /// <summary>The verdict Autobahn's spelling names.</summary>
    public static bool TryParseVerdict(string text, out Verdict verdict) => TryParse(text, ToAutobahn, out verdict);

    /// <summary>The close verdict Autobahn's spelling names.</summary>
    public static bool TryParseCloseVerdict(string text, out CloseVerdict verdict) => TryParse(text, ToAutobahn, out verdict);

    private static bool TryParse<T>(string text, Func<T, string> spell, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (spell(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string ToAutobahn(this CloseVerdict verdict) => verdict switch
    {
        CloseVerdict.Ok => "OK",
        CloseVerdict.WrongCode => "WRONG CODE",
        CloseVerdict.Unclean => "UNCLEAN",
        CloseVerdict.FailedByClient => "FAILED BY CLIENT",
        CloseVerdict.Informational => "INFORMATIONAL",
        _ => "FAILED",
    };
}
