using System.Xml.Linq;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Conformance.Harness.Reporting.Junit;
using Conformance.Harness.Results;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.Reporting.Junit;

/// <summary>junit.xml from a real run of the catalogue against the embedded reference server, read back from results.json.</summary>
public sealed class JunitFromRealRunTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("wsconform-junit-run-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_reports, recursive: true);
    }

    [Fact]
    public async Task Junit_from_a_real_run_validates_and_counts_what_results_json_has()
    {
        using var error = new StringWriter();
        var exit = await RunSession.ExecuteAsync(
            new RunSettings { CasesDirectory = RepositoryPaths.Cases, Include = ["1.1.*", "5.6", "7.3.*", "handshake.*"], ReportDirectory = _reports },
            TextWriter.Null,
            error,
            _timeout.Token);
        Assert.True(exit is ExitCodes.Success or ExitCodes.CasesFailed, error.ToString());
        var document = ResultsReader.Read(Path.Combine(_reports, "results.json"));

        var xml = JunitReport.Render(document);

        Assert.Empty(JunitSchema.Problems(xml));
        var root = XDocument.Parse(xml).Root!;
        var cases = document.Targets.SelectMany(t => t.Cases).ToList();
        Assert.True(cases.Count > 10);
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("tests"));
        Assert.Equal(cases.Count, root.Descendants("testcase").Count());
        Assert.Equal(cases.Count(c => c.Verdict == Verdict.Failed), root.Descendants("failure").Count());
        Assert.Equal(cases.Select(c => c.Area).Distinct().Count(), root.Elements("testsuite").Count());
    }
}
