using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;
using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary>The table printed at the end of a run: verdict totals per target, then the failures with their reasons.</summary>
internal static class RunSummary
{
    private static IReadOnlyList<string> Verdicts => VerdictSpelling.InReportOrder;

    public static void Print(ResultsDocument document, TimeSpan elapsed, string reportPath, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
        {
            // Logs and CI job output are wider than the 80 columns assumed for a redirected stream.
            console.Profile.Width = 160;
        }

        var totals = new Table().Border(TableBorder.Rounded).AddColumn("target").AddColumn("agent").AddColumn("cases");
        foreach (var verdict in Verdicts)
        {
            totals.AddColumn(new TableColumn(verdict).RightAligned());
        }

        foreach (var target in document.Targets)
        {
            var row = new List<string> { Markup.Escape(target.Url), Markup.Escape(target.Agent ?? "-"), target.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            row.AddRange(Verdicts.Select(v => target.Cases.Count(c => c.Verdict.ToAutobahn() == v).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            totals.AddRow(row.ToArray());
        }

        console.Write(totals);
        var failures = document.Targets.SelectMany(t => t.Cases.Where(c => c.Verdict == Verdict.Failed).Select(c => (t.Url, c))).ToList();
        if (failures.Count > 0)
        {
            // With several targets, say which one each failure belongs to (its agent name, else its URL).
            var several = document.Targets.Count > 1;
            var table = new Table().Border(TableBorder.Simple);
            if (several)
            {
                table.AddColumn("target");
            }

            table.AddColumn("failed case").AddColumn("autobahn").AddColumn("reason");
            foreach (var (url, c) in failures.Take(25))
            {
                var cells = new List<string> { Markup.Escape(c.Id), Markup.Escape(c.Autobahn ?? "-"), Markup.Escape(c.Reason ?? string.Empty) };
                if (several)
                {
                    cells.Insert(0, Markup.Escape(document.Targets.First(t => t.Url == url).Label));
                }

                table.AddRow(cells.ToArray());
            }

            console.Write(table);
            if (failures.Count > 25)
            {
                console.WriteLine($"... and {failures.Count - 25} more FAILED cases (see results.json)");
            }
        }

        console.WriteLine($"{document.Targets.Sum(t => t.Cases.Count)} case results in {elapsed.TotalSeconds:0.0} s{(document.Complete ? string.Empty : " (interrupted: the results so far are kept)")}; report: {reportPath}");
    }
}
