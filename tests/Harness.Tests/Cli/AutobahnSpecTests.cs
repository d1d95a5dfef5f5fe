using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Xunit;

namespace Conformance.Harness.Tests.Cli;

/// <summary>Reading an Autobahn fuzzingclient spec: its fields, Autobahn's pattern semantics, warnings and one-line errors.</summary>
public sealed class AutobahnSpecTests
{
    private const string Realistic = """
        {
           "outdir": "./reports/servers",
           "servers": [
              {"agent": "AutobahnServer", "url": "ws://127.0.0.1:9001", "options": {"version": 18}}
           ],
           "cases": ["*"],
           "exclude-cases": ["9.*", "12.*", "13.*"],
           "exclude-agent-cases": {}
        }
        """;

    private static readonly Lazy<IReadOnlyList<CaseDefinition>> Catalogue = new(() => CatalogueSource.Load(AutobahnSpecRunTests.CasesDirectory, [], []));

    [Fact]
    public void A_realistic_spec_gives_outdir_servers_and_patterns_and_ignores_known_options()
    {
        var spec = AutobahnSpecReader.Parse(Realistic, "fuzzingclient.json");

        Assert.Equal("./reports/servers", spec.OutDir);
        var server = Assert.Single(spec.Servers);
        Assert.Equal(new Uri("ws://127.0.0.1:9001"), server.Url);
        Assert.Equal("AutobahnServer", server.Agent);
        Assert.Equal(["*"], spec.Cases.Select(p => p.Text));
        Assert.Equal(["9.*", "12.*", "13.*"], spec.ExcludeCases.Select(p => p.Text));
        Assert.Empty(spec.ExcludeAgentCases);
        Assert.Empty(spec.Ignored);
    }

    [Fact]
    public void A_realistic_spec_selects_every_catalogue_case_outside_the_excluded_sections_and_warns_of_nothing()
    {
        var spec = AutobahnSpecReader.Parse(Realistic, "fuzzingclient.json");

        var selected = Catalogue.Value.Where(spec.Selects).ToList();

        Assert.Contains(selected, c => c.Autobahn == "1.1.1");
        Assert.Contains(selected, c => c.Autobahn is null);
        Assert.DoesNotContain(selected, c => c.Autobahn?.StartsWith("9.", StringComparison.Ordinal) == true);
        string[] excluded = ["9.", "12.", "13."];
        Assert.Equal(Catalogue.Value.Count(c => !excluded.Any(section => c.Autobahn?.StartsWith(section, StringComparison.Ordinal) == true)), selected.Count);
        Assert.Empty(AutobahnSpecWarnings.For(spec, Catalogue.Value));
    }

    [Theory]
    [InlineData("6.4.*", "6.4.1", true)]
    [InlineData("6.4.*", "6.4.4", true)]
    [InlineData("6.4.*", "6.41.1", false)]
    [InlineData("6.4.*", "16.4.1", false)]
    [InlineData("1.1.1", "1.1.1", true)]
    [InlineData("1.1.1", "1.1.10", false)]
    [InlineData("1.1.1", "1x1x1", false)]
    [InlineData("1.1", "1.1.1", false)]
    [InlineData("*", "13.7.18", true)]
    [InlineData("7.1*", "7.1.6", true)]
    [InlineData("7.1*", "7.13.2", true)]
    [InlineData("7.1*", "7.3.1", false)]
    [InlineData("*.1", "1.1.2", true)] // a pattern with * is anchored at the start only, as Autobahn's re.match
    public void Case_patterns_match_as_autobahn_does(string pattern, string id, bool expected) =>
        Assert.Equal(expected, AutobahnPattern.ForCases(pattern).IsMatch(id));

    [Theory]
    [InlineData("*.1", "1.1.2", false)]
    [InlineData("*.1", "6.2.1", true)]
    [InlineData("Autobahn*", "AutobahnServer", true)]
    [InlineData("Autobahn", "AutobahnServer", false)]
    public void Agent_exclusion_patterns_are_anchored_at_both_ends(string pattern, string value, bool expected) =>
        Assert.Equal(expected, AutobahnPattern.Anchored(pattern).IsMatch(value));

    [Fact]
    public void Star_alone_also_selects_cases_autobahn_does_not_have_while_other_patterns_need_an_autobahn_id()
    {
        var ours = Catalogue.Value.First(c => c.Autobahn is null);

        Assert.True(AutobahnPattern.ForCases("*").Matches(ours));
        Assert.False(AutobahnPattern.ForCases("*.*").Matches(ours));
        Assert.False(AutobahnPattern.ForCases(ours.Id).Matches(ours));
    }

    [Fact]
    public void Exclude_agent_cases_apply_only_to_the_matching_agent()
    {
        var spec = AutobahnSpecReader.Parse("""{"servers": [], "cases": ["*"], "exclude-agent-cases": {"Slow*": ["9.*", "1.1.2"]}}""", "s.json");
        var case112 = Catalogue.Value.First(c => c.Autobahn == "1.1.2");
        var case113 = Catalogue.Value.First(c => c.Autobahn == "1.1.3");
        var case91 = Catalogue.Value.First(c => c.Autobahn == "9.1.1");

        Assert.True(spec.ExcludesFor("SlowServer", case112));
        Assert.True(spec.ExcludesFor("SlowServer", case91));
        Assert.False(spec.ExcludesFor("SlowServer", case113));
        Assert.False(spec.ExcludesFor("FastServer", case112));
        Assert.True(spec.Selects(case112));
    }

    [Fact]
    public void Autobahn_cases_the_catalogue_lacks_are_counted_in_one_warning_by_section()
    {
        var spec = AutobahnSpecReader.Parse("""{"cases": ["*"], "exclude-cases": ["9.*"]}""", "fuzzingclient.json");
        var catalogue = Catalogue.Value;
        var ours = catalogue.Select(c => c.Autobahn).OfType<string>().Where(id => !id.StartsWith("9.", StringComparison.Ordinal)).Distinct().Count();

        // The catalogue now covers every Autobahn case (12/13 included), so it lacks none.
        Assert.Equal(517 - 54, ours);
        Assert.Empty(AutobahnSpecWarnings.For(spec, catalogue));
        Assert.Equal("fuzzingclient.json: 463 Autobahn cases the spec selects are not in the catalogue yet and are skipped (1.*: 16, 2.*: 11, 3.*: 7, 4.*: 10, 5.*: 20, 6.*: 145, 7.*: 37, 10.*: 1, 12.*: 90, 13.*: 126)", Assert.Single(AutobahnSpecWarnings.For(spec, [])));
    }

    [Fact]
    public void Patterns_that_match_nothing_and_ignored_keys_get_one_warning_line_each()
    {
        var spec = AutobahnSpecReader.Parse(
            """{"webport": 8080, "options": {"failByDrop": false, "fancy": 1}, "servers": [{"url": "ws://h:1", "origin": "x", "options": {"bogus": true}}], "cases": ["1.1.1", "1.1.9", "14.*"], "exclude-cases": ["2.12"]}""",
            "f.json");

        var warnings = AutobahnSpecWarnings.For(spec, Catalogue.Value);

        Assert.Equal(2, warnings.Count);
        Assert.Equal("f.json: cases[1] '1.1.9', cases[2] '14.*', exclude-cases[0] '2.12' match no case", warnings[0]);
        Assert.Equal("f.json: ignored: webport (there is no browser test page; open a page of your own), options.fancy (unknown option), servers[0].origin (use --origin), servers[0].options.bogus (unknown option)", warnings[1]);
    }

    [Theory]
    [InlineData("""{"servers": [{"url": "ws://a:1"}, {"agent": "B"}]}""", "fuzzingclient.json: servers[1].url: missing")]
    [InlineData("""{"servers": [{"url": "http://a:1"}]}""", "fuzzingclient.json: servers[0].url: 'http://a:1' is not a ws:// or wss:// URL")]
    [InlineData("""{"servers": [{"url": 9001}]}""", "fuzzingclient.json: servers[0].url: expected a string, found a number")]
    [InlineData("""{"servers": {"url": "ws://a:1"}}""", "fuzzingclient.json: servers: expected an array, found an object")]
    [InlineData("""{"cases": ["1.*", 2]}""", "fuzzingclient.json: cases[1]: expected a string, found a number")]
    [InlineData("""{"exclude-agent-cases": {"A": "1.*"}}""", "fuzzingclient.json: exclude-agent-cases.A: expected an array, found a string")]
    [InlineData("""{"servers": [{"url": "ws://a:1", "options": []}]}""", "fuzzingclient.json: servers[0].options: expected an object, found an array")]
    [InlineData("""[]""", "fuzzingclient.json: $: expected an object, found an array")]
    public void A_bad_spec_is_one_error_naming_file_and_json_path(string json, string message)
    {
        var exception = Assert.Throws<AutobahnSpecException>(() => AutobahnSpecReader.Parse(json, "fuzzingclient.json"));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var exception = Assert.Throws<AutobahnSpecException>(() => AutobahnSpecReader.Parse("{\n  \"cases\": [\"*\"]\n  \"outdir\": 1\n}", "fuzzingclient.json"));

        Assert.StartsWith("fuzzingclient.json: line 3, byte 3: not valid JSON: ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void The_run_command_accepts_the_option_alongside_explicit_targets_and_filters() =>
        Assert.Empty(RunCommand.Create().Parse(["--autobahn-spec", "fuzzingclient.json", "--target", "ws://127.0.0.1:9002", "--exclude", "2.*"]).Errors);
}
