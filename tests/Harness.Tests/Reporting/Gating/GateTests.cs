using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting.Gating;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating;

/// <summary>The CI gate: which verdicts fail the job at each --fail-on level, and what a baseline accepts.</summary>
public sealed class GateTests
{
    [Fact]
    public void Without_a_baseline_a_failed_case_fails_the_gate()
    {
        var outcome = Gate.Evaluate(Document(Target("ws://x/", null, Case("a", "OK"), Case("b", "FAILED"))), FailOn.Failed);

        Assert.False(outcome.Passed);
        Assert.Equal(["b"], outcome.New.Select(c => c.Case.Id));
        Assert.Null(outcome.New[0].Baseline);
        Assert.False(outcome.HasBaseline);
    }

    [Fact]
    public void Non_strict_cases_fail_the_gate_only_at_fail_on_non_strict()
    {
        var document = Document(Target("ws://x/", null, Case("a", "NON-STRICT")));

        Assert.True(Gate.Evaluate(document, FailOn.Failed).Passed);
        Assert.False(Gate.Evaluate(document, FailOn.NonStrict).Passed);
    }

    [Theory]
    [InlineData(FailOn.Failed)]
    [InlineData(FailOn.NonStrict)]
    public void Ok_informational_and_unimplemented_never_fail_the_gate(FailOn failOn)
    {
        var document = Document(Target("ws://x/", null, Case("a", "OK"), Case("b", "INFORMATIONAL"), Case("c", "UNIMPLEMENTED")));

        var outcome = Gate.Evaluate(document, failOn);

        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Known);
    }

    [Fact]
    public void Known_failures_in_the_baseline_do_not_fail_the_gate()
    {
        var document = Document(Target("ws://x/", null, Case("a", "FAILED"), Case("b", "OK")));
        var baseline = Baseline.FromResults(document);

        var outcome = Gate.Evaluate(document, FailOn.Failed, baseline);

        Assert.True(outcome.Passed);
        Assert.Equal(["a"], outcome.Known.Select(c => c.Case.Id));
        Assert.Empty(outcome.Fixed);
        Assert.Empty(outcome.NotRun);
    }

    [Fact]
    public void A_failure_not_in_the_baseline_is_new()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", null)] };
        var document = Document(Target("ws://x/", null, Case("a", "FAILED"), Case("b", "FAILED")));

        var outcome = Gate.Evaluate(document, FailOn.Failed, baseline);

        Assert.False(outcome.Passed);
        Assert.Equal(["b"], outcome.New.Select(c => c.Case.Id));
        Assert.Equal(["a"], outcome.Known.Select(c => c.Case.Id));
    }

    [Theory]
    [InlineData(FailOn.Failed)]
    [InlineData(FailOn.NonStrict)]
    public void A_baselined_non_strict_case_that_now_fails_is_new(FailOn failOn)
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "NON-STRICT", null)] };

        var outcome = Gate.Evaluate(Document(Target("ws://x/", null, Case("a", "FAILED"))), failOn, baseline);

        Assert.False(outcome.Passed);
        var item = Assert.Single(outcome.New);
        Assert.Equal("NON-STRICT", item.Baseline?.Verdict);
    }

    [Fact]
    public void A_baselined_non_strict_case_still_non_strict_is_known_at_fail_on_non_strict_and_ignored_at_fail_on_failed()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "NON-STRICT", null)] };
        var document = Document(Target("ws://x/", null, Case("a", "NON-STRICT")));

        var strict = Gate.Evaluate(document, FailOn.NonStrict, baseline);
        var lenient = Gate.Evaluate(document, FailOn.Failed, baseline);

        Assert.True(strict.Passed);
        Assert.Single(strict.Known);
        Assert.True(lenient.Passed);
        Assert.Empty(lenient.Known);
        Assert.Empty(lenient.Fixed);
        Assert.Empty(lenient.NotRun);
    }

    [Theory]
    [InlineData("OK")]
    [InlineData("INFORMATIONAL")]
    [InlineData("UNIMPLEMENTED")]
    [InlineData("NON-STRICT")]
    public void A_baselined_failure_that_got_better_is_listed_as_fixed(string now)
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", null)] };

        var outcome = Gate.Evaluate(Document(Target("ws://x/", null, Case("a", now))), FailOn.Failed, baseline);

        Assert.True(outcome.Passed);
        var item = Assert.Single(outcome.Fixed);
        Assert.Equal(now, item.Case.Verdict.ToAutobahn());
        Assert.Equal("FAILED", item.Baseline?.Verdict);
    }

    [Fact]
    public void A_baselined_failure_now_non_strict_does_not_fail_at_fail_on_non_strict_and_is_listed_as_fixed()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", null)] };

        var outcome = Gate.Evaluate(Document(Target("ws://x/", null, Case("a", "NON-STRICT"))), FailOn.NonStrict, baseline);

        Assert.True(outcome.Passed);
        Assert.Single(outcome.Known);
        Assert.Single(outcome.Fixed);
    }

    [Fact]
    public void Baseline_entries_for_cases_not_run_are_listed_and_do_not_fail()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("gone", "9.9", "FAILED", null), new BaselineEntry("a", null, "FAILED", "other-server")] };

        var outcome = Gate.Evaluate(Document(Target("ws://x/", "srv", Case("a", "OK"))), FailOn.Failed, baseline);

        Assert.True(outcome.Passed);
        Assert.Equal(baseline.Entries, outcome.NotRun);
        Assert.Empty(outcome.Fixed);
    }

    [Fact]
    public void A_baseline_entry_naming_a_target_applies_only_to_that_target()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", "alpha"), new BaselineEntry("b", null, "FAILED", "ws://127.0.0.1:2/")] };
        var document = Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "FAILED"), Case("b", "FAILED")),
            Target("ws://127.0.0.1:2/", "beta", Case("a", "FAILED"), Case("b", "FAILED")));

        var outcome = Gate.Evaluate(document, FailOn.Failed, baseline);

        Assert.Equal([("alpha", "a"), ("beta", "b")], outcome.Known.Select(c => (c.TargetLabel, c.Case.Id)));
        Assert.Equal([("alpha", "b"), ("beta", "a")], outcome.New.Select(c => (c.TargetLabel, c.Case.Id)));
        Assert.True(outcome.SeveralTargets);
    }

    [Fact]
    public void A_baseline_entry_without_target_applies_to_every_target()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", null)] };
        var document = Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "FAILED")),
            Target("ws://127.0.0.1:2/", "beta", Case("a", "FAILED")));

        var outcome = Gate.Evaluate(document, FailOn.Failed, baseline);

        Assert.True(outcome.Passed);
        Assert.Equal(2, outcome.Known.Count);
    }

    [Fact]
    public void An_entry_for_the_target_wins_over_one_for_every_target()
    {
        var baseline = new Baseline { Entries = [new BaselineEntry("a", null, "FAILED", null), new BaselineEntry("a", null, "NON-STRICT", "alpha")] };

        var outcome = Gate.Evaluate(Document(Target("ws://127.0.0.1:1/", "alpha", Case("a", "FAILED"))), FailOn.Failed, baseline);

        Assert.False(outcome.Passed);
        Assert.Equal("NON-STRICT", Assert.Single(outcome.New).Baseline?.Verdict);
    }

    [Theory]
    [InlineData(FailOn.Failed)]
    [InlineData(FailOn.NonStrict)]
    public void A_baseline_recorded_from_a_run_makes_the_same_run_pass_at_both_levels(FailOn failOn)
    {
        var document = Realistic();

        var outcome = Gate.Evaluate(document, failOn, Baseline.FromResults(document));

        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Fixed);
        Assert.Empty(outcome.NotRun);
        Assert.Equal(Gate.Evaluate(document, failOn).New.Count, outcome.Known.Count);
    }
}
