using System.Text;
using Conformance.Harness.Reporting.Markdown;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Markdown;

/// <summary>summary.md for a CI job summary: totals per target, the FAILED cases, the NON-STRICT ones folded, nothing injectable.</summary>
public sealed class SummaryMarkdownTests
{
    [Fact]
    public void The_totals_table_has_a_row_per_target_with_every_verdict_count_and_the_run_time()
    {
        var document = Document(Target("ws://127.0.0.1:9001/", "srv",
            Case("a", "OK"), Case("b", "OK"), Case("c", "NON-STRICT"), Case("d", "INFORMATIONAL"), Case("e", "UNIMPLEMENTED"), Case("f", "FAILED")));

        var lines = Lines(SummaryMarkdown.Render(document));

        var header = lines.Single(l => l.StartsWith("| target | agent |", StringComparison.Ordinal));
        Assert.Equal(["target", "agent", "OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED", "total", "run time"], MarkdownCells.Of(header));
        var row = lines[lines.IndexOf(header) + 2];
        Assert.Equal(["ws\\://127.0.0.1:9001/", "srv", "2", "1", "1", "1", "1", "6", "2.7 s"], MarkdownCells.Of(row));
        Assert.StartsWith("## ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Several_targets_get_a_row_each_and_a_row_for_all_of_them()
    {
        var document = Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "OK"), Case("b", "FAILED")),
            Target("ws://127.0.0.1:2/", null, Case("a", "FAILED"), Case("b", "FAILED")));

        var lines = Lines(SummaryMarkdown.Render(document));

        var header = lines.IndexOf(lines.Single(l => l.StartsWith("| target | agent |", StringComparison.Ordinal)));
        Assert.Equal(["ws\\://127.0.0.1:1/", "alpha", "1", "0", "0", "0", "1", "2", "-"], MarkdownCells.Of(lines[header + 2]));
        Assert.Equal(["ws\\://127.0.0.1:2/", "-", "0", "0", "0", "0", "2", "2", "-"], MarkdownCells.Of(lines[header + 3]));
        Assert.Equal(["**all targets**", string.Empty, "1", "0", "0", "0", "3", "4", "2.7 s"], MarkdownCells.Of(lines[header + 4]));
        var failedHeader = lines.Single(l => l.StartsWith("| target | case |", StringComparison.Ordinal));
        Assert.Equal(["alpha", "b"], MarkdownCells.Of(lines[lines.IndexOf(failedHeader) + 2]).Take(2));
    }

    [Fact]
    public void An_incomplete_run_is_noted()
    {
        var summary = SummaryMarkdown.Render(Document(complete: false, Target("ws://x/", null, Case("a", "OK"))));

        Assert.Contains("**Incomplete run:**", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("**Incomplete run:**", SummaryMarkdown.Render(Document(Target("ws://x/", null, Case("a", "OK")))), StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_cases_are_listed_with_id_autobahn_id_title_spec_section_and_reason()
    {
        var document = Document(Target("ws://x/", null,
            Case("framing.reserved-opcode-3", "FAILED", autobahn: "4.1.1", reason: "RFC 6455 5.2: opcode 0x3 echoed", spec: ["RFC 6455 5.2", "RFC 6455 5.6"], title: "Reserved opcode 3 fails")));

        var lines = Lines(SummaryMarkdown.Render(document));

        Assert.Contains("### FAILED (1)", lines);
        var header = lines.Single(l => l.StartsWith("| case |", StringComparison.Ordinal));
        Assert.Equal(["case", "Autobahn", "title", "spec", "reason"], MarkdownCells.Of(header));
        Assert.Equal(
            ["framing.reserved-opcode-3", "4.1.1", "Reserved opcode 3 fails", "RFC 6455 5.2", "RFC 6455 5.2: opcode 0x3 echoed"],
            MarkdownCells.Of(lines[lines.IndexOf(header) + 2]));
    }

    [Fact]
    public void A_run_without_failures_says_so()
    {
        var summary = SummaryMarkdown.Render(Document(Target("ws://x/", null, Case("a", "OK"))));

        Assert.Contains("No case FAILED.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_strict_cases_are_folded_in_a_details_block()
    {
        var summary = SummaryMarkdown.Render(Document(Target("ws://x/", null, Case("close.late", "NON-STRICT", reason: "answered late"))));

        var details = summary.IndexOf("<details>", StringComparison.Ordinal);
        var end = summary.IndexOf("</details>", StringComparison.Ordinal);
        Assert.True(details >= 0 && end > details);
        var block = summary[details..end];
        Assert.Contains("<summary>NON-STRICT (1)", block, StringComparison.Ordinal);
        Assert.Contains("</summary>\n\n", block, StringComparison.Ordinal);
        Assert.Contains("| close.late |", block, StringComparison.Ordinal);
        Assert.Contains("answered late", block, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_close_reason_cannot_inject_markup_into_summary_md()
    {
        var document = Document(Target("ws://x/", Hostile, Case("close.x", "FAILED", reason: Hostile), Case("close.y", "NON-STRICT", reason: Hostile)));

        var summary = SummaryMarkdown.Render(document);

        Assert.DoesNotContain("<script", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(summary, c => c < 0x20 && c != '\n');
        Assert.DoesNotContain("\u202e", summary, StringComparison.Ordinal);
        var rows = Lines(summary).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        foreach (var row in rows)
        {
            // Every table row keeps its columns: no pipe, backtick, emphasis, link or HTML escapes its cell.
            Assert.Empty(MarkdownCells.Unescaped(row, "`*_[]<>~$"));
        }

        var failedRow = rows.Single(r => r.Contains("close.x", StringComparison.Ordinal));
        Assert.Equal(5, MarkdownCells.Of(failedRow).Count);
        Assert.Equal(9, MarkdownCells.Of(rows[2]).Count);
        Assert.DoesNotContain(Lines(summary), l => l.StartsWith("# heading", StringComparison.Ordinal) || l.StartsWith("line2", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", summary, StringComparison.Ordinal);

        // The target's own "&amp;" is shown as those five characters, not as "&".
        Assert.Contains("&amp; &amp;amp;", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_all_failed_run_stays_under_the_step_summary_limit()
    {
        var summary = SummaryMarkdown.Render(AllFailed(5000));

        Assert.True(Encoding.UTF8.GetByteCount(summary) < 1024 * 1024, $"{Encoding.UTF8.GetByteCount(summary)} bytes");
        Assert.Contains("### FAILED (5000)", summary, StringComparison.Ordinal);
        Assert.Contains("... and 4900 more", summary, StringComparison.Ordinal);
        Assert.Equal(SummaryMarkdown.MaxListedCases, Lines(summary).Count(l => l.StartsWith("| framing.case-", StringComparison.Ordinal)));
        Assert.All(
            Lines(summary).Where(l => l.StartsWith("| framing.case-", StringComparison.Ordinal)),
            row => Assert.True(MarkdownCells.Of(row)[4].Length <= SummaryMarkdown.MaxReasonLength));
    }

    [Fact]
    public void Harness_faults_are_counted()
    {
        var summary = SummaryMarkdown.Render(Document(Target("ws://x/", null, Case("a", "OK", errors: ["lost bytes"]), Case("b", "OK"))));

        Assert.Contains("1 case met a harness fault", summary, StringComparison.Ordinal);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n')];
}
