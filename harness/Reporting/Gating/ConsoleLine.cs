using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>One case on a console line: <c>FAILED &lt;- OK   6.4.1  utf8.x  [target]  reason</c>, with target text made harmless.</summary>
internal static class ConsoleLine
{
    /// <summary>The longest reason shown on a console line.</summary>
    public const int MaxReasonLength = 160;

    /// <summary>At most this many lines per list; the rest are counted.</summary>
    public const int MaxLines = 50;

    public static string Case(string verdicts, CaseRecord record, string? target, bool withReason = true)
    {
        var line = $"    {verdicts,-30} {VisibleText.OneLine(record.Autobahn ?? "-", 40),-8} {VisibleText.OneLine(record.Id, 200)}";
        if (target is not null)
        {
            line += $"  [{VisibleText.OneLine(target, 120)}]";
        }

        if (withReason && !string.IsNullOrEmpty(record.Reason))
        {
            line += $"  {VisibleText.OneLine(record.Reason, MaxReasonLength)}";
        }

        return line;
    }

    /// <summary>The lines of a list, capped at <see cref="MaxLines"/> with a count of the rest.</summary>
    public static IEnumerable<string> Capped(IEnumerable<string> lines, int count)
    {
        foreach (var line in lines.Take(MaxLines))
        {
            yield return line;
        }

        if (count > MaxLines)
        {
            yield return $"    ... and {count - MaxLines} more";
        }
    }
}
