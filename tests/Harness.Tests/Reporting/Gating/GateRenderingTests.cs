using Conformance.Harness.Reporting.Gating;
using Conformance.Harness.Tests.Reporting.Markdown;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating;

/// <summary>The gate's outcome on the console and as a summary.md section.</summary>
public sealed class GateRenderingTests
{
    private static readonly Baseline KnownA = new()
    {
        Entries = [new BaselineEntry("a", null, "FAILED", null), new BaselineEntry("c", null, "NON-STRICT", null), new BaselineEntry("gone", "9.1", "FAILED", null)],
    };

    private static GateOutcome Mixed() => Gate.Evaluate(
        Document(Target("ws://x/", null, Case("a", "FAILED"), Case("b", "FAILED", autobahn: "6.4.1", reason: "RFC 6455 8.1: invalid UTF-8 echoed"), Case("c", "FAILED"), Case("d", "OK"))),
        FailOn.Failed,
        KnownA);

    [Fact]
    public void The_console_text_says_failed_and_names_each_new_case_with_its_verdict_and_reason()
    {
        var text = GateText.Render(Mixed());

        var lines = text.Split('\n');
        Assert.StartsWith("gate (--fail-on failed) against the baseline: FAILED: 2 new cases fail the job (1 known", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("FAILED", StringComparison.Ordinal) && l.Contains("6.4.1", StringComparison.Ordinal) && l.Contains(" b ", StringComparison.Ordinal) && l.EndsWith("RFC 6455 8.1: invalid UTF-8 echoed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("FAILED (baseline NON-STRICT)", StringComparison.Ordinal) && l.Contains(" c", StringComparison.Ordinal));
        Assert.Contains("in the baseline, not run (1):", text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("9.1", StringComparison.Ordinal) && l.EndsWith("gone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_passing_gate_says_passed_on_one_line()
    {
        var text = GateText.Render(Gate.Evaluate(Document(Target("ws://x/", null, Case("a", "OK"))), FailOn.NonStrict));

        Assert.Equal("gate (--fail-on non-strict): passed\n", text);
    }

    [Fact]
    public void Cases_better_than_the_baseline_are_listed_so_it_can_be_re_recorded()
    {
        var text = GateText.Render(Gate.Evaluate(Document(Target("ws://x/", null, Case("a", "OK"))), FailOn.Failed, KnownA));

        Assert.Contains("better than the baseline", text, StringComparison.Ordinal);
        Assert.Contains("OK <- FAILED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_text_reaches_the_console_without_terminal_controls()
    {
        var outcome = Gate.Evaluate(Document(Target("ws://x/", Hostile, Case("a", "FAILED", reason: Hostile)), Target("ws://y/", null)), FailOn.Failed);

        var text = GateText.Render(outcome);

        Assert.DoesNotContain(text, c => (c < 0x20 && c != '\n') || c is >= '\u007f' and <= '\u009f' || c == '\u202e');
        Assert.Contains("\\u001B[31m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_section_lists_new_cases_in_a_table_and_folds_the_rest()
    {
        var markdown = GateMarkdown.Render(Mixed());

        var lines = markdown.Split('\n');
        Assert.Equal("### Gate: failed", lines[0]);
        var header = Array.FindIndex(lines, l => l.StartsWith("| case |", StringComparison.Ordinal));
        Assert.Equal(["case", "Autobahn", "verdict", "baseline", "reason"], MarkdownCells.Of(lines[header]));
        Assert.Equal(["b", "6.4.1", "FAILED", "-", "RFC 6455 8.1: invalid UTF-8 echoed"], MarkdownCells.Of(lines[header + 2]));
        Assert.Equal(["c", "-", "FAILED", "NON-STRICT", "RFC 6455 5.2: why c is FAILED"], MarkdownCells.Of(lines[header + 3]));
        Assert.Contains("<summary>Known (1): accepted by the baseline</summary>", markdown, StringComparison.Ordinal);
        Assert.Contains("<summary>In the baseline, not run (1)</summary>", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown.Split("<details>").Length, markdown.Split("</details>").Length);
    }

    [Fact]
    public void The_markdown_section_escapes_target_text()
    {
        var outcome = Gate.Evaluate(Document(Target("ws://x/", Hostile, Case("a", "FAILED", reason: Hostile)), Target("ws://y/", null)), FailOn.Failed);

        var markdown = GateMarkdown.Render(outcome);

        Assert.DoesNotContain("<script", markdown, StringComparison.Ordinal);
        var row = markdown.Split('\n').Single(l => l.Contains("| a |", StringComparison.Ordinal));
        Assert.Equal(6, MarkdownCells.Of(row).Count);
        Assert.Empty(MarkdownCells.Unescaped(row, "`*_[]<>~$"));
    }

    [Fact]
    public void A_passing_gate_section_says_nothing_new_fails()
    {
        var document = Document(Target("ws://x/", null, Case("a", "FAILED")));

        var markdown = GateMarkdown.Render(Gate.Evaluate(document, FailOn.Failed, Baseline.FromResults(document)));

        Assert.StartsWith("### Gate: passed\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Nothing new fails the job.", markdown, StringComparison.Ordinal);
    }
}
