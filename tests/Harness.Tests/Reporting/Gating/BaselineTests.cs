using Conformance.Harness.Reporting.Gating;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Gating;

/// <summary>A baseline recorded from a run: every FAILED and NON-STRICT case, in a stable order.</summary>
public sealed class BaselineTests
{
    [Fact]
    public void A_baseline_records_every_failed_and_non_strict_case_and_nothing_else()
    {
        var document = Document(Target("ws://x/", "srv",
            Case("a", "OK"), Case("b", "FAILED", autobahn: "1.1.2"), Case("c", "NON-STRICT"), Case("d", "INFORMATIONAL"), Case("e", "UNIMPLEMENTED")));

        var baseline = Baseline.FromResults(document);

        Assert.Equal(Baseline.SchemaId, baseline.Schema);
        Assert.Equal([new BaselineEntry("b", "1.1.2", "FAILED", null), new BaselineEntry("c", null, "NON-STRICT", null)], baseline.Entries);
    }

    [Fact]
    public void A_baseline_of_several_targets_names_each_entrys_target_by_agent_else_url()
    {
        var document = Document(
            Target("ws://127.0.0.1:1/", "alpha", Case("a", "FAILED")),
            Target("ws://127.0.0.1:2/", null, Case("a", "FAILED")));

        var baseline = Baseline.FromResults(document);

        Assert.Equal(["alpha", "ws://127.0.0.1:2/"], baseline.Entries.Select(e => e.Target));
    }

    [Fact]
    public void Baseline_entries_are_in_a_stable_natural_order_whatever_the_run_order()
    {
        var document = Document(Target("ws://x/", null, Case("x.10", "FAILED"), Case("x.9", "FAILED"), Case("a.1", "NON-STRICT"), Case("x.9", "FAILED")));

        var baseline = Baseline.FromResults(document);

        Assert.Equal(["a.1", "x.9", "x.10"], baseline.Entries.Select(e => e.Case));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("alpha", true)]
    [InlineData("ws://127.0.0.1:1/", true)]
    [InlineData("beta", false)]
    public void A_baseline_entry_applies_to_every_target_or_to_the_one_whose_agent_or_url_it_names(string? target, bool applies)
    {
        var entry = new BaselineEntry("a", null, "FAILED", target);

        Assert.Equal(applies, entry.AppliesTo(Target("ws://127.0.0.1:1/", "alpha")));
    }
}
