using System.Text.Json;
using Conformance.Harness.Cli;
using Conformance.Harness.Tests.Cases;
using Conformance.Harness.Tests.Engine;
using Xunit;

namespace Conformance.Harness.Tests.Cli;

/// <summary>`wsconform run` as a script sees it: exit codes, results.json, one-line errors.</summary>
public sealed class RunSessionTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("wsconform-run-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private static string CasesDirectory => RepositoryPaths.Cases;

    public void Dispose()
    {
        _timeout.Dispose();
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_reports, recursive: true);
    }

    [Fact]
    public async Task Run_without_target_tests_the_embedded_server_exits_0_and_writes_results_json()
    {
        var exit = await RunAsync(new RunSettings { CasesDirectory = CasesDirectory, Include = ["framing.text.*", "1.2.*"] });

        Assert.Equal(ExitCodes.Success, exit);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_reports, "results.json")));
        var root = results.RootElement;
        Assert.Equal("wsconform/results/v1", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("complete").GetBoolean());
        var target = Assert.Single(root.GetProperty("targets").EnumerateArray().ToList());
        Assert.StartsWith("ws://127.0.0.1:", target.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("wsconform-reference", target.GetProperty("agent").GetString());
        var cases = target.GetProperty("cases").EnumerateArray().ToList();
        Assert.Contains(cases, c => c.GetProperty("autobahn").GetString() == "1.2.8");
        Assert.All(cases, c =>
        {
            Assert.Equal("OK", c.GetProperty("verdict").GetString());
            Assert.Equal("OK", c.GetProperty("closeVerdict").GetString());
            Assert.True(c.GetProperty("durationMs").GetInt64() >= 0);
            Assert.NotEmpty(c.GetProperty("wire").EnumerateArray());
        });
    }

    [Fact]
    public async Task A_server_that_breaks_a_rule_makes_the_run_exit_1_with_the_rule_in_results_json()
    {
        await using var server = new RawServer((socket, token) => BrokenServerTests.EchoAsync(socket, token, header => header with { Masked = true, MaskKey = 0x11223344 }));

        var exit = await RunAsync(new RunSettings { Targets = [server.Endpoint], CasesDirectory = CasesDirectory, Include = ["1.1.1"] });

        Assert.Equal(ExitCodes.CasesFailed, exit);
        var text = File.ReadAllText(Path.Combine(_reports, "results.json"));
        Assert.Contains("\"verdict\": \"FAILED\"", text, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 5.1", text, StringComparison.Ordinal);
        Assert.Contains("RFC 6455 5.1", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_case_file_exits_2_with_one_line_naming_file_line_and_field()
    {
        var cases = Directory.CreateTempSubdirectory("wsconform-cases-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(cases, "bad.yaml"), "id: framing.bad\ntitle: t\nspec: [RFC 6455 5.2]\nlevel: MUST\nstimulus: s\nrequirement: r\nsteps:\n  - send: { opcode: txt }\nexpect: {}\nclose: { by: peer, codes: [1002] }\n");

            var exit = await RunAsync(new RunSettings { CasesDirectory = cases });

            Assert.Equal(ExitCodes.UsageError, exit);
            var message = _error.ToString().Trim();
            Assert.DoesNotContain('\n', message);
            Assert.Contains("bad.yaml:8:", message, StringComparison.Ordinal);
            Assert.Contains("steps[0].send.opcode", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(cases, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_target_exits_3()
    {
        var exit = await RunAsync(new RunSettings { Targets = [new Uri("ws://127.0.0.1:1/")], CasesDirectory = CasesDirectory, Include = ["1.1.1"] });

        Assert.Equal(ExitCodes.TargetUnreachable, exit);
        Assert.Contains("unreachable", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_exits_130_and_keeps_the_finished_cases()
    {
        // Four cases of at least one second each, one at a time: Ctrl-C as soon as the first one finished.
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        using var output = new InterruptingWriter(": 1/4 cases", interrupt);

        var exit = await RunSession.ExecuteAsync(
            new RunSettings { CasesDirectory = CasesDirectory, Include = ["6.4.*"], Parallel = 1, ReportDirectory = _reports }, output, _error, interrupt.Token);

        Assert.Equal(ExitCodes.Interrupted, exit);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_reports, "results.json")));
        Assert.False(results.RootElement.GetProperty("complete").GetBoolean());
        Assert.InRange(results.RootElement.GetProperty("targets")[0].GetProperty("cases").GetArrayLength(), 1, 3);
        Assert.Contains("interrupted", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_interrupted_before_its_cases_start_exits_130_with_an_empty_incomplete_results_json()
    {
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        var exit = await RunSession.ExecuteAsync(new RunSettings { CasesDirectory = CasesDirectory, Include = ["1.1.1"], ReportDirectory = _reports }, _output, _error, interrupt.Token);

        Assert.Equal(ExitCodes.Interrupted, exit);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_reports, "results.json")));
        Assert.False(results.RootElement.GetProperty("complete").GetBoolean());
        Assert.Contains("interrupted", _output.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(RunSettings settings) =>
        RunSession.ExecuteAsync(settings with { ReportDirectory = _reports }, _output, _error, _timeout.Token);

    /// <summary>An output that presses Ctrl-C when a line containing <paramref name="trigger"/> is written.</summary>
    private sealed class InterruptingWriter(string trigger, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true)
            {
                interrupt.Cancel();
            }
        }
    }
}
