using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting.Gating.Diff;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating.Diff;

/// <summary>Comparing two runs: regressions, fixes, other changes and cases only one run has, per pair of targets.</summary>
public sealed class ResultsDiffTests
{
    [Theory]
    [InlineData("OK", "FAILED")]
    [InlineData("INFORMATIONAL", "UNIMPLEMENTED")]
    [InlineData("UNIMPLEMENTED", "NON-STRICT")]
    [InlineData("NON-STRICT", "FAILED")]
    [InlineData("OK", "NON-STRICT")]
    public void A_verdict_that_got_worse_is_a_regression_and_the_reverse_a_fix(string better, string worse)
    {
        var good = Document(Target("ws://x/", null, Case("a", better)));
        var bad = Document(Target("ws://x/", null, Case("a", worse)));

        var regression = Assert.Single(ResultsDiff.Compare(good, bad).Targets);
        var fix = Assert.Single(ResultsDiff.Compare(bad, good).Targets);

        var change = Assert.Single(regression.Regressions);
        Assert.Equal((better, worse), (change.Old.Verdict.ToAutobahn(), change.New.Verdict.ToAutobahn()));
        Assert.Empty(regression.Fixes);
        Assert.Single(fix.Fixes);
        Assert.Empty(fix.Regressions);
    }

    [Fact]
    public void Ok_and_informational_are_as_severe_so_a_change_between_them_is_another_change()
    {
        var diff = ResultsDiff.Compare(Document(Target("ws://x/", null, Case("a", "OK"))), Document(Target("ws://x/", null, Case("a", "INFORMATIONAL"))));

        var target = Assert.Single(diff.Targets);
        Assert.Single(target.Changes);
        Assert.Empty(target.Regressions);
        Assert.Empty(target.Fixes);
        Assert.Equal(1, diff.ChangeCount);
    }

    [Fact]
    public void Cases_only_in_one_run_are_listed_and_unchanged_ones_counted()
    {
        var old = Document(Target("ws://x/", null, Case("a", "OK"), Case("gone", "FAILED"), Case("b", "FAILED")));
        var @new = Document(Target("ws://x/", null, Case("a", "OK"), Case("b", "FAILED"), Case("added", "OK")));

        var target = Assert.Single(ResultsDiff.Compare(old, @new).Targets);

        Assert.Equal(["added"], target.OnlyInNew.Select(c => c.Id));
        Assert.Equal(["gone"], target.OnlyInOld.Select(c => c.Id));
        Assert.Equal(2, target.Unchanged);
        Assert.False(target.IsEmpty);
    }

    [Fact]
    public void Identical_runs_have_an_empty_diff()
    {
        var diff = ResultsDiff.Compare(Realistic(), Realistic());

        Assert.True(diff.IsEmpty);
        Assert.Equal(0, diff.RegressionCount);
    }

    [Fact]
    public void Single_targets_pair_whatever_their_url_and_agent()
    {
        var diff = ResultsDiff.Compare(
            Document(Target("ws://127.0.0.1:1111/", "old-name", Case("a", "OK"))),
            Document(Target("ws://127.0.0.1:2222/", "new-name", Case("a", "FAILED"))));

        var target = Assert.Single(diff.Targets);
        Assert.Equal("new-name", target.Label);
        Assert.Single(target.Regressions);
        Assert.Empty(diff.OnlyInOld);
        Assert.Empty(diff.OnlyInNew);
    }

    [Fact]
    public void Several_targets_pair_by_agent_then_by_url_and_the_rest_are_listed()
    {
        var old = Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "OK")),
            Target("ws://127.0.0.1:2/", "beta/1", Case("a", "OK")),
            Target("ws://127.0.0.1:3/", "retired", Case("a", "OK")));
        var @new = Document(
            Target("ws://127.0.0.1:9/", "alpha", Case("a", "FAILED")),
            Target("ws://127.0.0.1:2/", "beta/2", Case("a", "OK")),
            Target("ws://127.0.0.1:4/", "fresh", Case("a", "OK")));

        var diff = ResultsDiff.Compare(old, @new);

        Assert.Equal([("ws://127.0.0.1:1/", "ws://127.0.0.1:9/"), ("ws://127.0.0.1:2/", "ws://127.0.0.1:2/")], diff.Targets.Select(t => (t.Old.Url, t.New.Url)));
        Assert.Single(diff.Targets[0].Regressions);
        Assert.Equal(["retired"], diff.OnlyInOld.Select(t => t.Agent));
        Assert.Equal(["fresh"], diff.OnlyInNew.Select(t => t.Agent));
    }

    [Fact]
    public void A_results_file_with_a_verdict_it_does_not_know_is_refused_naming_the_field()
    {
        var text = System.Text.Encoding.UTF8.GetString(Conformance.Harness.Results.ResultsJson.SerializeToUtf8(Document(Target("ws://x/", null, Case("a", "OK")))).Span)
            .Replace("\"verdict\": \"OK\"", "\"verdict\": \"SOMETHING-NEW\"", StringComparison.Ordinal);

        var error = Assert.Throws<Conformance.Harness.Results.ResultsFileException>(() => Conformance.Harness.Results.ResultsReader.Parse(System.Text.Encoding.UTF8.GetBytes(text), "new.json"));

        Assert.Contains("new.json:", error.Message, StringComparison.Ordinal);
        Assert.Contains("verdict", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown verdict 'SOMETHING-NEW'", error.Message, StringComparison.Ordinal);
    }
}
