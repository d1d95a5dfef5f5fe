using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Html;

/// <summary>
/// What the HTML report shows, built from one or more results.json documents: every target is a column, every case a
/// row, grouped by area and then by the first spec section it cites, in the order the catalogue runs them.
/// </summary>
public sealed record ReportModel
{
    public required string Title { get; init; }

    public required ToolInfo Tool { get; init; }

    public required IReadOnlyList<ReportTarget> Targets { get; init; }

    public required IReadOnlyList<ReportArea> Areas { get; init; }

    /// <summary>FAILED, then NON-STRICT, then cases with harness faults: what a reader looks at first.</summary>
    public required IReadOnlyList<ReportFinding> Findings { get; init; }

    public int CaseCount => Areas.Sum(a => a.Sections.Sum(s => s.Rows.Count));

    public static ReportModel From(IReadOnlyList<ResultsDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("a report needs at least one results document", nameof(documents));
        }

        var targets = new List<ReportTarget>();
        foreach (var document in documents)
        {
            foreach (var target in document.Targets)
            {
                targets.Add(ReportTarget.From(targets.Count, target, document));
            }
        }

        DisambiguateLabels(targets);
        var rows = new Dictionary<string, ReportRow>(StringComparer.Ordinal);
        var order = new List<ReportRow>();
        foreach (var target in targets)
        {
            foreach (var record in target.Results.Cases)
            {
                if (!rows.TryGetValue(record.Id, out var row))
                {
                    row = new ReportRow(record.Id, record.Autobahn, record.Title, record.Area, record.Spec, record.Level, new CaseRecord?[targets.Count]);
                    rows.Add(record.Id, row);
                    order.Add(row);
                }

                row.Cells[target.Index] = record;
            }
        }

        var areas = order
            .GroupBy(r => r.Area, StringComparer.Ordinal)
            .Select(area => new ReportArea(
                area.Key,
                [.. area.GroupBy(r => r.Section, StringComparer.Ordinal).Select(section => new ReportSection(section.Key, [.. section]))]))
            .ToList();
        var findings = targets
            .SelectMany(t => t.Results.Cases.Select(c => new ReportFinding(t, c)))
            .Where(f => f.Rank < 3)
            .OrderBy(f => f.Rank)
            .ToList();
        return new ReportModel
        {
            Title = targets.Count == 1 ? $"wsconform report: {targets[0].Label}" : $"wsconform report: {targets.Count} targets",
            Tool = documents[^1].Tool,
            Targets = targets,
            Areas = areas,
            Findings = findings,
        };
    }

    /// <summary>Merged runs of one server get the same label; tell them apart by when they ran.</summary>
    private static void DisambiguateLabels(List<ReportTarget> targets)
    {
        foreach (var group in targets.GroupBy(t => t.Label, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var target in group)
            {
                targets[target.Index] = target with { Label = $"{target.Label} ({target.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)})" };
            }
        }
    }
}

/// <summary>One column of the matrix: a target of one run.</summary>
public sealed record ReportTarget(int Index, string Label, TargetResults Results, DateTimeOffset StartedAt, TimeSpan? RunTime, bool Complete)
{
    public static ReportTarget From(int index, TargetResults results, ResultsDocument document) => new(
        index,
        results.Label,
        results,
        document.StartedAt,
        document.FinishedAt - document.StartedAt,
        document.Complete);

    public int Count(string verdict) => Results.Cases.Count(c => c.Verdict.ToAutobahn() == verdict);

    public string Anchor(CaseRecord record) => ReportIds.CaseAnchor(Index, record.Id);
}

/// <summary>An area of the catalogue (framing, close, handshake, ...).</summary>
public sealed record ReportArea(string Name, IReadOnlyList<ReportSection> Sections);

/// <summary>The cases of an area that cite one spec section first.</summary>
public sealed record ReportSection(string Spec, IReadOnlyList<ReportRow> Rows);

/// <summary>One case across targets; a cell is null when that target's run did not include the case.</summary>
public sealed record ReportRow(string Id, string? Autobahn, string Title, string Area, IReadOnlyList<string> Spec, string Level, CaseRecord?[] Cells)
{
    public string Section => Spec.Count > 0 ? Spec[0] : "(no section)";

    /// <summary>The verdicts of the row, space-separated, for the filter.</summary>
    public string VerdictList => string.Join(' ', Cells.Select(c => c?.Verdict.ToAutobahn() ?? "MISSING").Distinct());

    /// <summary>What the text filter searches: ids and title, lower case.</summary>
    public string SearchText => $"{Id} {Autobahn} {Title}".ToLowerInvariant();
}

/// <summary>A case a reader must look at: FAILED (rank 0), NON-STRICT (1), or a harness fault (2).</summary>
public sealed record ReportFinding(ReportTarget Target, CaseRecord Case)
{
    public int Rank => Case.Verdict switch
    {
        Verdict.Failed => 0,
        Verdict.NonStrict => 1,
        _ when Case.Errors is { Count: > 0 } => 2,
        _ => 3,
    };
}
