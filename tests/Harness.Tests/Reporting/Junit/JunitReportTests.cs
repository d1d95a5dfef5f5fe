using System.Globalization;
using System.Xml.Linq;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Reporting.Junit;
using Xunit;
using static Conformance.Harness.Tests.Reporting.Junit.SampleResults;

namespace Conformance.Harness.Tests.Reporting.Junit;

/// <summary>junit.xml as GitHub, GitLab and Jenkins read it: valid against the Jenkins schema, counts as in results.json.</summary>
public sealed class JunitReportTests
{
    [Fact]
    public void A_report_with_every_verdict_faults_several_targets_and_hostile_text_validates_against_the_jenkins_schema()
    {
        var xml = JunitReport.Render(Realistic());

        Assert.Empty(JunitSchema.Problems(xml));
    }

    [Fact]
    public void The_schema_refuses_what_junit_10_does_not_declare()
    {
        // The schema has teeth: an attribute it does not declare, a missing required one, an unknown element.
        Assert.NotEmpty(JunitSchema.Problems("<testsuites skipped=\"1\"/>"));
        Assert.NotEmpty(JunitSchema.Problems("<testsuites><testsuite name=\"a\" failures=\"0\" errors=\"0\"/></testsuites>"));
        Assert.NotEmpty(JunitSchema.Problems("<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase name=\"x\"><oops/></testcase></testsuite></testsuites>"));
        Assert.NotEmpty(JunitSchema.Problems("<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"1,5\"/></testsuites>"));
        Assert.Empty(JunitSchema.Problems("<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"1.5\"><testcase name=\"x\"/></testsuite></testsuites>"));
    }

    [Fact]
    public void Counts_in_every_suite_and_in_total_equal_those_of_results_json()
    {
        var document = Realistic();

        var root = XDocument.Parse(JunitReport.Render(document)).Root!;

        var cases = document.Targets.SelectMany(t => t.Cases).ToList();
        Assert.Equal(cases.Count, Int(root, "tests"));
        Assert.Equal(cases.Count(c => c.Verdict == Verdict.Failed), Int(root, "failures"));
        Assert.Equal(cases.Count(c => c.Errors is { Count: > 0 }), Int(root, "errors"));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(cases.Count(c => c.Verdict == Verdict.Unimplemented), suites.Sum(s => Int(s, "skipped")));
        var expected = document.Targets.SelectMany(t => t.Cases.GroupBy(c => c.Area)).ToList();
        Assert.Equal(expected.Count, suites.Count);
        foreach (var (suite, area) in suites.Zip(expected))
        {
            Assert.Equal(area.Count(), Int(suite, "tests"));
            Assert.Equal(area.Count(c => c.Verdict == Verdict.Failed), Int(suite, "failures"));
            Assert.Equal(area.Count(c => c.Errors is { Count: > 0 }), Int(suite, "errors"));
            Assert.Equal(area.Count(c => c.Verdict == Verdict.Unimplemented), Int(suite, "skipped"));
            Assert.Equal(area.Count(), suite.Elements("testcase").Count());
            Assert.Equal(Int(suite, "failures"), suite.Elements("testcase").Count(t => t.Element("failure") is not null));
            Assert.Equal(Int(suite, "errors"), suite.Elements("testcase").Count(t => t.Element("error") is not null));
            Assert.Equal(Int(suite, "skipped"), suite.Elements("testcase").Count(t => t.Element("skipped") is not null));
        }
    }

    [Fact]
    public void A_failed_case_carries_its_first_reason_line_its_spec_section_and_its_evidence_in_a_failure()
    {
        var document = Document(Target("ws://127.0.0.1:9001/", "srv",
            Case("framing.reserved-opcode-3", "FAILED", autobahn: "4.1.1", reason: "RFC 6455 5.2: opcode 0x3 echoed\nthen more", durationMs: 1234, spec: ["RFC 6455 5.2", "RFC 6455 5.6"])));

        var testcase = XDocument.Parse(JunitReport.Render(document)).Descendants("testcase").Single();

        Assert.Equal("framing.reserved-opcode-3: title of framing.reserved-opcode-3", (string?)testcase.Attribute("name"));
        Assert.Equal("framing", (string?)testcase.Attribute("classname"));
        Assert.Equal("1.234", (string?)testcase.Attribute("time"));
        var failure = testcase.Element("failure")!;
        Assert.Equal("RFC 6455 5.2: opcode 0x3 echoed", (string?)failure.Attribute("message"));
        Assert.Equal("RFC 6455 5.2", (string?)failure.Attribute("type"));
        Assert.Contains("RFC 6455 5.2: opcode 0x3 echoed\nthen more", failure.Value, StringComparison.Ordinal);
        Assert.Contains("spec: RFC 6455 5.2, RFC 6455 5.6", failure.Value, StringComparison.Ordinal);
        Assert.Contains("autobahn: 4.1.1", failure.Value, StringComparison.Ordinal);
        Assert.Contains("stimulus: Sends what framing.reserved-opcode-3 sends.", failure.Value, StringComparison.Ordinal);
        Assert.Contains("requirement: The peer does what framing.reserved-opcode-3 requires.", failure.Value, StringComparison.Ordinal);
        Assert.Contains("peer close code 1002", failure.Value, StringComparison.Ordinal);
        Assert.Null(testcase.Element("error"));
    }

    [Fact]
    public void A_long_reason_is_capped_in_the_message_attribute_and_kept_in_the_text()
    {
        var reason = new string('r', 5000);
        var document = Document(Target("ws://x/", null, Case("a", "FAILED", reason: reason)));

        var failure = XDocument.Parse(JunitReport.Render(document)).Descendants("failure").Single();

        Assert.True(((string?)failure.Attribute("message"))!.Length <= 201);
        Assert.Contains(reason, failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unimplemented_case_is_skipped_with_its_reason()
    {
        var document = Document(Target("ws://x/", null, Case("deflate.x", "UNIMPLEMENTED", reason: "no permessage-deflate offered")));

        var testcase = XDocument.Parse(JunitReport.Render(document)).Descendants("testcase").Single();

        Assert.Equal("no permessage-deflate offered", (string?)testcase.Element("skipped")!.Attribute("message"));
        Assert.Null(testcase.Element("failure"));
        Assert.Null(testcase.Element("error"));
    }

    [Theory]
    [InlineData("INFORMATIONAL")]
    [InlineData("NON-STRICT")]
    public void Informational_and_non_strict_cases_pass_with_verdict_and_reason_in_system_out(string verdict)
    {
        var document = Document(Target("ws://x/", null, Case("close.x", verdict, reason: "the peer answered 1000 late")));

        var testcase = XDocument.Parse(JunitReport.Render(document)).Descendants("testcase").Single();

        Assert.Null(testcase.Element("failure"));
        Assert.Null(testcase.Element("skipped"));
        Assert.Null(testcase.Element("error"));
        var output = testcase.Element("system-out")!.Value;
        Assert.StartsWith(verdict, output, StringComparison.Ordinal);
        Assert.Contains("the peer answered 1000 late", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ok_case_without_reason_is_a_bare_passing_testcase()
    {
        var document = Document(Target("ws://x/", null, Case("a", "OK")));

        var testcase = XDocument.Parse(JunitReport.Render(document)).Descendants("testcase").Single();

        Assert.Empty(testcase.Elements());
    }

    [Fact]
    public void Only_harness_faults_become_errors_beside_the_verdicts_own_element()
    {
        var document = Document(Target("ws://x/", null,
            Case("failed-with-fault", "FAILED", errors: ["cannot write step 2", "observer lost bytes"]),
            Case("ok-with-fault", "OK", errors: ["observer lost bytes"]),
            Case("failed-without-fault", "FAILED")));

        var cases = XDocument.Parse(JunitReport.Render(document)).Descendants("testcase").ToList();

        Assert.Equal(["failure", "error"], cases[0].Elements().Select(e => e.Name.LocalName));
        var error = cases[0].Element("error")!;
        Assert.Equal("cannot write step 2", (string?)error.Attribute("message"));
        Assert.Equal("harness fault", (string?)error.Attribute("type"));
        Assert.Equal("cannot write step 2\nobserver lost bytes", error.Value);
        Assert.Equal(["error"], cases[1].Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["failure"], cases[2].Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Hostile_target_text_is_written_visibly_and_never_breaks_the_xml()
    {
        var document = Document(Target("ws://x/", SampleResults.Hostile, Case("a", "FAILED", reason: SampleResults.Hostile, errors: [SampleResults.Hostile])));

        var xml = JunitReport.Render(document);

        var parsed = XDocument.Parse(xml);
        Assert.DoesNotContain(parsed.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain("<script", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("]]>", xml, StringComparison.Ordinal);
        var failure = parsed.Descendants("failure").Single();
        Assert.Contains("<script>alert('x')</script> ]]>", failure.Value, StringComparison.Ordinal);
        Assert.Contains("\\u0001\\u001B[31m\\u0000 \\uD800 \\uFFFF\\uFFFE \\u202E", failure.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(failure.Value, c => c < 0x20 && c != '\n');
        Assert.Empty(JunitSchema.Problems(xml));
    }

    [Fact]
    public void With_one_target_suites_and_classnames_are_named_after_the_area()
    {
        var document = Document(Target("ws://x/", "srv", Case("a", "OK", area: "framing"), Case("b", "OK", area: "close"), Case("c", "OK", area: "framing")));

        var suites = XDocument.Parse(JunitReport.Render(document)).Root!.Elements("testsuite").ToList();

        Assert.Equal(["framing", "close"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal(["framing", "framing"], suites[0].Elements("testcase").Select(t => (string?)t.Attribute("classname")));
    }

    [Fact]
    public void With_several_targets_suites_and_classnames_carry_the_agent_else_the_url()
    {
        var document = Document(
            Target("ws://127.0.0.1:1/", "alpha/1.0", Case("a", "OK", area: "framing")),
            Target("ws://127.0.0.1:2/", null, Case("a", "OK", area: "framing")));

        var suites = XDocument.Parse(JunitReport.Render(document)).Root!.Elements("testsuite").ToList();

        Assert.Equal(["alpha/1.0: framing", "ws://127.0.0.1:2/: framing"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal("alpha/1.0: framing", (string?)suites[0].Element("testcase")!.Attribute("classname"));
    }

    [Fact]
    public void Two_targets_with_the_same_agent_get_distinct_suite_names()
    {
        var document = Document(
            Target("ws://127.0.0.1:1/", "same", Case("a", "OK")),
            Target("ws://127.0.0.1:2/", "same", Case("a", "OK")),
            Target("ws://127.0.0.1:2/", "same", Case("a", "OK")));

        var names = XDocument.Parse(JunitReport.Render(document)).Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name")).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("ws://127.0.0.1:1/: framing", names[0]);
    }

    [Fact]
    public void Suites_carry_the_run_start_and_the_tool_and_target_as_properties()
    {
        var document = Realistic();

        var suite = XDocument.Parse(JunitReport.Render(document)).Root!.Elements("testsuite").First();

        Assert.Equal("2026-11-22T04:33:58", (string?)suite.Attribute("timestamp"));
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("0.1.0", properties["wsconform.version"]);
        Assert.Equal("ws://127.0.0.1:9001/", properties["target.url"]);
        Assert.StartsWith("nginx/1.25 <script>", properties["target.agent"], StringComparison.Ordinal);
        Assert.Equal("true", properties["run.complete"]);
    }

    [Fact]
    public void Times_are_seconds_with_a_point_and_the_root_time_is_the_run_wall_time()
    {
        var document = Document(Target("ws://x/", null, Case("a", "OK", durationMs: 1500), Case("b", "OK", durationMs: 7)));

        var root = XDocument.Parse(JunitReport.Render(document)).Root!;

        Assert.Equal("2.700", (string?)root.Attribute("time"));
        Assert.Equal("1.507", (string?)root.Element("testsuite")!.Attribute("time"));
        Assert.Equal(["1.500", "0.007"], root.Descendants("testcase").Select(t => (string?)t.Attribute("time")));
    }

    [Fact]
    public void An_empty_run_is_a_valid_report_with_no_suite()
    {
        var xml = JunitReport.Render(Document(complete: false));

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("0", (string?)root.Attribute("tests"));
        Assert.Empty(root.Elements());
        Assert.Empty(JunitSchema.Problems(xml));
    }

    [Fact]
    public void The_report_file_is_utf8_without_a_byte_order_mark()
    {
        var directory = Directory.CreateTempSubdirectory("wsconform-junit-").FullName;
        try
        {
            var path = Path.Combine(directory, "sub", "junit.xml");
            JunitReport.WriteFile(Realistic(), path);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Empty(JunitSchema.Problems(File.ReadAllText(path)));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Int(XElement element, string attribute) => int.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
