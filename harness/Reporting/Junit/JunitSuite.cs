using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Junit;

/// <summary>
/// One <c>&lt;testsuite&gt;</c>: the cases of one area (framing, close, ...) of one target, with the counts its attributes
/// carry. With one target the suite and the class are named after the area; with several, after <c>"{label}: {area}"</c>,
/// where the label is the target's agent, else its URL (made unique when two targets share one).
/// </summary>
internal sealed record JunitSuite(string Name, TargetResults Target, string Area, IReadOnlyList<CaseRecord> Cases)
{
    public int Tests => Cases.Count;

    public int Failures => Cases.Count(c => c.Verdict == Verdict.Failed);

    /// <summary>Cases with harness faults (JUnit's "errors": a problem of the test, not of the code under test).</summary>
    public int Errors => Cases.Count(HasFault);

    public int Skipped => Cases.Count(c => c.Verdict == Verdict.Unimplemented);

    /// <summary>The sum of the case durations (cases run in parallel, so this exceeds the wall time).</summary>
    public double Seconds => Cases.Sum(c => c.DurationMs) / 1000.0;

    public static bool HasFault(CaseRecord record) => record.Errors is { Count: > 0 };

    /// <summary>The suites of the document, target by target, areas in the order their first case ran.</summary>
    public static IReadOnlyList<JunitSuite> From(ResultsDocument document)
    {
        var labels = Labels(document.Targets);
        var several = document.Targets.Count > 1;
        var suites = new List<JunitSuite>();
        for (var index = 0; index < document.Targets.Count; index++)
        {
            var target = document.Targets[index];
            foreach (var area in target.Cases.GroupBy(c => c.Area, StringComparer.Ordinal))
            {
                suites.Add(new JunitSuite(several ? $"{labels[index]}: {area.Key}" : area.Key, target, area.Key, [.. area]));
            }
        }

        return suites;
    }

    /// <summary>Agent, else URL; a label two targets share falls back to the URL, and then gets a "#n" suffix.</summary>
    private static string[] Labels(IReadOnlyList<TargetResults> targets)
    {
        var preferred = targets.Select(t => t.Label).ToArray();
        var labels = preferred.Select((label, i) => preferred.Count(l => l == label) > 1 ? targets[i].Url : label).ToArray();

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            var count = seen[labels[i]] = seen.GetValueOrDefault(labels[i]) + 1;
            if (count > 1)
            {
                labels[i] = $"{labels[i]} #{count}";
            }
        }

        return labels;
    }
}
