using Conformance.Harness.Reporting.Gating.Diff;
using Conformance.Harness.Tests.Reporting.Markdown;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating.Diff;

/// <summary>A diff on the console and in Markdown.</summary>
public sealed class DiffRenderingTests
{
    private static ResultsDiff Sample() => ResultsDiff.Compare(
        Document(Target("ws://x/", "srv", Case("utf8.x", "OK", autobahn: "6.4.1"), Case("b", "FAILED"), Case("c", "OK"), Case("gone", "OK"))),
        Document(Target("ws://x/", "srv", Case("utf8.x", "FAILED", autobahn: "6.4.1", reason: "RFC 6455 8.1: invalid UTF-8 echoed"), Case("b", "OK"), Case("c", "INFORMATIONAL"), Case("added", "NON-STRICT"))));

    [Fact]
    public void The_console_text_shows_each_change_as_new_verdict_from_old_with_ids_and_reason()
    {
        var lines = DiffText.Render(Sample()).Split('\n');

        Assert.Equal("1 regression, 1 fix, 1 other change", lines[0]);
        Assert.Equal("srv ws://x/: 0 unchanged", lines[1]);
        var regression = Assert.Single(lines, l => l.TrimStart().StartsWith("FAILED <- OK", StringComparison.Ordinal));
        Assert.Matches(@"^\s+FAILED <- OK\s+6\.4\.1\s+utf8\.x\s+RFC 6455 8\.1: invalid UTF-8 echoed$", regression);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("OK <- FAILED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("INFORMATIONAL <- OK", StringComparison.Ordinal));
        Assert.Contains("  only in the new run (1):", lines);
        Assert.Contains("  only in the old run (1):", lines);
    }

    [Fact]
    public void The_console_text_shows_terminal_controls_from_a_target_as_codes()
    {
        var diff = ResultsDiff.Compare(
            Document(Target("ws://x/", Hostile, Case("a", "OK"))),
            Document(Target("ws://x/", Hostile, Case("a", "FAILED", reason: Hostile))));

        var text = DiffText.Render(diff);

        Assert.DoesNotContain(text, c => (c < 0x20 && c != '\n') || c is >= '\u007f' and <= '\u009f' || c == '\u202e');
        Assert.Contains("\\u001B[31m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_has_a_count_table_then_regressions_in_a_table_and_the_rest_folded()
    {
        var markdown = DiffMarkdown.Render(Sample());

        var lines = markdown.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| target |", StringComparison.Ordinal));
        Assert.Equal(["srv", "1", "1", "1", "1", "1", "0"], MarkdownCells.Of(lines[header + 2]));
        Assert.Contains("### regressions (1)", lines);
        var regression = Assert.Single(lines, l => l.StartsWith("| utf8.x |", StringComparison.Ordinal));
        Assert.Equal(["utf8.x", "6.4.1", "FAILED", "OK", "RFC 6455 8.1: invalid UTF-8 echoed"], MarkdownCells.Of(regression));
        Assert.Contains("<summary>fixes (1)</summary>", markdown, StringComparison.Ordinal);
        Assert.Contains("<summary>only in the new run (1)</summary>", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown.Split("<details>").Length, markdown.Split("</details>").Length);
    }

    [Fact]
    public void The_markdown_escapes_target_text_in_tables_headings_and_summaries()
    {
        var diff = ResultsDiff.Compare(
            Document(Target("ws://1/", Hostile, Case("a", "OK"), Case("b", "FAILED")), Target("ws://2/", "other", Case("a", "OK"))),
            Document(Target("ws://1/", Hostile, Case("a", "FAILED", reason: Hostile), Case("b", "OK")), Target("ws://2/", "other", Case("a", "OK"))));

        var markdown = DiffMarkdown.Render(diff);

        Assert.DoesNotContain("<script", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(markdown, c => c < 0x20 && c != '\n');
        foreach (var line in markdown.Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('#')))
        {
            Assert.Empty(MarkdownCells.Unescaped(line, "`*_[]<>~$"));
        }

        Assert.Contains("<summary>&lt;script&gt;alert(&#39;x&#39;)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_runs_say_no_verdict_changed()
    {
        Assert.Contains("No verdict changed.", DiffMarkdown.Render(ResultsDiff.Compare(Realistic(), Realistic())), StringComparison.Ordinal);
        Assert.StartsWith("0 regressions, 0 fixes, 0 other changes\n", DiffText.Render(ResultsDiff.Compare(Realistic(), Realistic())), StringComparison.Ordinal);
    }
}
