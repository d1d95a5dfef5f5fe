using System.Globalization;
using System.Text;
using Conformance.Harness.Reporting.Markdown;

namespace Conformance.Harness.Reporting.Diff;

/// <summary>A diff of two runs as console lines and as Markdown (diff.md).</summary>
public static class DiffText
{
    public static IReadOnlyList<string> Lines(IReadOnlyList<TargetDiff> diffs)
    {
        ArgumentNullException.ThrowIfNull(diffs);
        var lines = new List<string>();
        foreach (var diff in diffs)
        {
            lines.Add(diff.OldTarget == diff.NewTarget ? $"{diff.NewTarget}:" : $"{diff.OldTarget} -> {diff.NewTarget}:");
            if (diff.Unchanged)
            {
                lines.Add("  no verdict changed");
                continue;
            }

            Group(lines, "worse (new failures)", diff.Worse);
            Group(lines, "better (fixed)", diff.Better);
            Group(lines, "changed", diff.Other);
            if (diff.Added.Count > 0)
            {
                lines.Add($"  only in the new run: {diff.Added.Count} cases ({Count(diff.Added, "FAILED")} FAILED)");
            }

            if (diff.Removed.Count > 0)
            {
                lines.Add($"  only in the old run: {diff.Removed.Count} cases");
            }
        }

        return lines;
    }

    public static string Markdown(IReadOnlyList<TargetDiff> diffs)
    {
        ArgumentNullException.ThrowIfNull(diffs);
        var md = new StringBuilder("## wsconform: what changed\n\n");
        foreach (var diff in diffs)
        {
            md.Append(CultureInfo.InvariantCulture, $"### {MarkdownText.Escape(diff.NewTarget)}\n\n");
            if (diff.Unchanged)
            {
                md.Append("No verdict changed.\n\n");
                continue;
            }

            md.Append(CultureInfo.InvariantCulture, $"{diff.Worse.Count} worse, {diff.Better.Count} better, {diff.Other.Count} changed otherwise, {diff.Added.Count} new cases, {diff.Removed.Count} no longer run.\n\n");
            var changes = diff.Worse.Select(c => ("worse", c)).Concat(diff.Better.Select(c => ("better", c))).Concat(diff.Other.Select(c => ("changed", c))).ToList();
            if (changes.Count > 0)
            {
                md.Append("| | case | autobahn | was | now | why now |\n| --- | --- | --- | --- | --- | --- |\n");
                foreach (var (kind, change) in changes)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {kind} | {MarkdownText.Escape(change.Id)} | {MarkdownText.Escape(change.Autobahn ?? "")} | {change.Old!.Verdict} | {change.New!.Verdict} | {MarkdownText.Escape(change.New.Reason)} |\n");
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }

    private static void Group(List<string> lines, string title, IReadOnlyList<CaseChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lines.Add($"  {title}: {changes.Count}");
        foreach (var change in changes)
        {
            var reason = change.New!.Reason is { } why ? $"  {(why.Length > 160 ? why[..160] + "..." : why)}" : string.Empty;
            lines.Add($"    {change.Old!.Verdict,-13} -> {change.New.Verdict,-13} {change.Id}{(change.Autobahn is { } ab ? $" ({ab})" : string.Empty)}{reason}");
        }
    }

    private static int Count(IReadOnlyList<CaseChange> changes, string verdict) => changes.Count(c => c.New?.Verdict == verdict);
}
