using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

public class CaseFilterTests
{
    [Theory]
    [InlineData("6.4.*", "6.4.1", true)]
    [InlineData("6.4.*", "6.4.10", true)]
    [InlineData("6.4.*", "6.40.1", false)]
    [InlineData("6.*", "6.4.1", true)]
    [InlineData("framing.*", "framing.text.length-125", true)]
    [InlineData("*.length-12?", "framing.text.length-125", true)]
    [InlineData("*length*", "framing.text.length-125", true)]
    [InlineData("framing", "framing.text", false)]
    [InlineData("FRAMING.*", "framing.text", true)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    public void Globs_match_the_whole_text(string pattern, string text, bool expected) =>
        Assert.Equal(expected, CaseFilter.IsMatch(pattern, text));

    [Theory]
    [InlineData(@"framing\.text.*", "framing.text.length-125", true)]
    [InlineData(@"1.1\*", "1.1.1", false)]
    [InlineData(@"1.1\*", "1.1*", true)]
    public void A_backslash_escapes_the_next_character(string pattern, string text, bool expected) =>
        Assert.Equal(expected, CaseFilter.IsMatch(pattern, text));

    [Fact]
    public void Filters_match_our_id_or_the_autobahn_id_and_exclude_wins()
    {
        var cases = new[] { Case("framing.text.length-0", "1.1.1"), Case("framing.binary.length-0", "1.2.1"), Case("handshake.version", null) };

        Assert.Equal(3, CaseFilter.All.Apply(cases).Count());
        Assert.Equal(["framing.text.length-0"], new CaseFilter(["1.1.*"]).Apply(cases).Select(c => c.Id));
        Assert.Equal(["framing.binary.length-0", "handshake.version"], new CaseFilter(["1.2.*,handshake.*"]).Apply(cases).Select(c => c.Id));
        Assert.Equal(["framing.binary.length-0"], new CaseFilter(["framing.*"], ["1.1.*"]).Apply(cases).Select(c => c.Id));
        Assert.Equal(["handshake.version"], new CaseFilter([], ["framing.*"]).Apply(cases).Select(c => c.Id));
    }

    [Fact]
    public void Natural_order_compares_digit_runs_as_numbers()
    {
        string[] ids = ["1.2.10", "1.10.1", "1.2.9", "1.2.1", "framing.length-10", "framing.length-9", "1.02.3"];

        Assert.Equal(
            ["1.2.1", "1.02.3", "1.2.9", "1.2.10", "1.10.1", "framing.length-9", "framing.length-10"],
            ids.Order(NaturalIdComparer.Instance));
    }

    private static CaseDefinition Case(string id, string? autobahn) => new()
    {
        Id = id,
        Autobahn = autobahn,
        Title = id,
        Spec = ["RFC 6455 5.2"],
        Level = RequirementLevel.Must,
        Stimulus = "s",
        Requirement = "r",
        Steps = [],
        Outcomes = [],
        Close = new CloseExpectation(Closer.Harness, [1000], RequireClean: true),
        Source = new SourceLocation("x.yaml", 1, 1),
    };
}
