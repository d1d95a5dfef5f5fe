using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Conformance.Harness.Judging;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.Harness.Tests.Cases;
using Conformance.Harness.Tests.Engine;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Harness.Tests.Results;

/// <summary>results.json read back as the report command and baselines read it.</summary>
public sealed class ResultsReaderTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("wsconform-results-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_reports, recursive: true);
    }

    [Fact]
    public async Task A_written_results_file_reads_back_with_every_case_and_its_evidence()
    {
        var exit = await RunAsync(RepositoryPaths.Cases, "1.1.*", "5.6");
        Assert.Equal(ExitCodes.Success, exit);

        var document = ResultsReader.Read(Path.Combine(_reports, "results.json"));

        Assert.True(document.Complete);
        var target = Assert.Single(document.Targets);
        Assert.Equal(9, target.Cases.Count);
        var pingBetween = Assert.Single(target.Cases, c => c.Autobahn == "5.6");
        Assert.Equal(Verdict.Ok, pingBetween.Verdict);
        Assert.Contains(pingBetween.Wire, w => w.Direction == "in" && w.OpcodeName == "pong");
        Assert.StartsWith("GET ", pingBetween.Handshake!.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_the_harness_cannot_write_is_recorded_as_a_harness_fault_beside_the_verdict()
    {
        // The loader refuses such a step in a case file; a case built in code can still ask for it.
        var unwritable = new FrameSpec { Opcode = (byte)Opcode.Text, Payload = new byte[200], LengthForm = LengthEncoding.Bits7 };
        var definition = TestCases.Make("framing.unwritable", [new SendFrameStep(unwritable, null, TestCases.Here)], [], new CloseExpectation(Closer.Harness, [1000], RequireClean: false));
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, _timeout.Token);

        var observation = await new CaseRunner(new RunOptions { Target = server.Endpoint }).RunAsync(definition, _timeout.Token);
        var record = ResultsMapper.ToRecord(definition, Judge.Evaluate(definition, observation));

        var fault = Assert.Single(record.Errors!);
        Assert.Contains("test.yaml:1:1", fault, StringComparison.Ordinal);
        Assert.Contains("harness fault", record.Reason ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"schema\": \"wsconform/results/v1\", \"tool\": ", ":1:")]
    [InlineData("{ \"schema\": \"wsconform/results/v9\", \"tool\": { \"name\": \"x\", \"version\": \"1\" }, \"startedAt\": \"2026-01-01T00:00:00Z\", \"targets\": [] }", "schema is 'wsconform/results/v9'")]
    [InlineData("{ \"schema\": \"wsconform/results/v1\",\n \"startedAt\": \"2026-01-01T00:00:00Z\", \"targets\": [] }", "tool")]
    public void A_broken_results_file_is_refused_with_its_name_and_the_problem(string json, string expected)
    {
        var path = Path.Combine(_reports, "broken.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<ResultsFileException>(() => ResultsReader.Read(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private async Task<int> RunAsync(string casesDirectory, params string[] include)
    {
        using var error = new StringWriter();
        var exit = await RunSession.ExecuteAsync(
            new RunSettings { CasesDirectory = casesDirectory, Include = include, ReportDirectory = _reports },
            TextWriter.Null,
            error,
            _timeout.Token);
        Assert.True(exit is ExitCodes.Success or ExitCodes.CasesFailed, error.ToString());
        return exit;
    }
}
