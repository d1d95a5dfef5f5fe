using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Junit;

/// <summary>The texts of junit.xml: every string goes through <see cref="VisibleText"/>, so no character can make XmlWriter throw.</summary>
internal static class JunitText
{
    /// <summary>The longest message attribute (the first line of a reason).</summary>
    public const int MaxMessageLength = 200;

    /// <summary>The longest reason or fault list in an element's text.</summary>
    public const int MaxBodyLength = 16 * 1024;

    /// <summary>An attribute value on one line.</summary>
    public static string Attribute(string? text, int maxLength = 1024) => VisibleText.OneLine(text, maxLength);

    /// <summary>A message attribute: the first line of the text, capped, or <paramref name="fallback"/> when there is none.</summary>
    public static string Message(string? text, string fallback)
    {
        var first = VisibleText.FirstLine(text);
        return first.Length == 0 ? fallback : Attribute(first, MaxMessageLength);
    }

    /// <summary>Element text: several lines kept, capped.</summary>
    public static string Body(string? text) => VisibleText.Clean(VisibleText.Cap(text, MaxBodyLength), singleLine: false);

    /// <summary>The text of a <c>&lt;failure&gt;</c>: the full reason, then what the case is and where the RFC asks for it.</summary>
    public static string Failure(CaseRecord record)
    {
        var lines = new List<string> { Body(record.Reason ?? record.Verdict.ToAutobahn()), string.Empty };
        lines.AddRange(Facts(record));
        return string.Join('\n', lines);
    }

    /// <summary>The text of a passing case's <c>&lt;system-out&gt;</c>: its verdict and why.</summary>
    public static string Outcome(CaseRecord record)
    {
        var lines = new List<string> { $"{Attribute(record.Verdict.ToAutobahn())} (close: {Attribute(record.CloseVerdict.ToAutobahn())})" };
        if (!string.IsNullOrEmpty(record.Reason))
        {
            lines.Add(Body(record.Reason));
        }

        lines.Add(string.Empty);
        lines.AddRange(Facts(record));
        return string.Join('\n', lines);
    }

    /// <summary>The text of an <c>&lt;error&gt;</c>: every harness fault, one a line.</summary>
    public static string Faults(IReadOnlyList<string> errors) => Body(string.Join('\n', errors));

    private static IEnumerable<string> Facts(CaseRecord record)
    {
        yield return $"verdict: {Attribute(record.Verdict.ToAutobahn())}; close: {Attribute(record.CloseVerdict.ToAutobahn())}"
            + (record.RemoteCloseCode is { } code ? $"; peer close code {code}" : string.Empty);
        yield return $"spec: {(record.Spec.Count == 0 ? "-" : Attribute(string.Join(", ", record.Spec)))}";
        yield return $"autobahn: {Attribute(record.Autobahn ?? "-")}";
        yield return $"stimulus: {Body(record.Stimulus)}";
        yield return $"requirement: {Body(record.Requirement)}";
    }
}
