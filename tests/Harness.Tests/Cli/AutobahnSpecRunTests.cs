using System.Text.Json;
using Conformance.Harness.Cli;
using Conformance.Harness.Tests.Cases;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Harness.Tests.Cli;

/// <summary><c>wsconform run --autobahn-spec</c> end to end against the reference server started here.</summary>
public sealed class AutobahnSpecRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wsconform-spec-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    internal static string CasesDirectory => RepositoryPaths.Cases;

    public void Dispose()
    {
        _timeout.Dispose();
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_spec_server_runs_the_selected_cases_under_its_agent_name_into_the_spec_outdir()
    {
        await using var server = await StartServerAsync();
        var outdir = Path.Combine(_folder, "reports", "servers");
        var spec = WriteSpec(new()
        {
            ["outdir"] = outdir,
            ["servers"] = new[] { new { agent = "MyServer", url = server.Endpoint.ToString() } },
            ["cases"] = new[] { "1.1.*" },
            ["exclude-cases"] = Array.Empty<string>(),
        });

        var exit = await RunSession.ExecuteAsync(new RunSettings { AutobahnSpec = spec, CasesDirectory = CasesDirectory }, _output, _error, _timeout.Token);

        Assert.Equal(ExitCodes.Success, exit);
        var target = Assert.Single(ReadTargets(outdir));
        Assert.Equal("MyServer", target.GetProperty("agent").GetString());
        Assert.Equal(server.Endpoint.ToString(), target.GetProperty("url").GetString());
        var ids = target.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("autobahn").GetString()!).ToList();
        Assert.Equal(["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "1.1.8"], ids);
        Assert.Contains("MyServer", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public async Task Agent_excludes_apply_per_server_explicit_filters_on_top_and_explicit_targets_are_added()
    {
        await using var server = await StartServerAsync();
        var url = server.Endpoint.ToString();
        var spec = WriteSpec(new()
        {
            ["servers"] = new[] { new { agent = "Full", url }, new { agent = "Partial", url } },
            ["cases"] = new[] { "1.1.*", "2.1" },
            ["exclude-agent-cases"] = new Dictionary<string, string[]> { ["Part*"] = ["1.1.2", "2.*"] },
        });
        var reports = Path.Combine(_folder, "out");

        var exit = await RunSession.ExecuteAsync(
            new RunSettings { AutobahnSpec = spec, Targets = [server.Endpoint], Exclude = ["1.1.8"], ReportDirectory = reports, CasesDirectory = CasesDirectory },
            _output,
            _error,
            _timeout.Token);

        Assert.Equal(ExitCodes.Success, exit);
        var targets = ReadTargets(reports);
        Assert.Equal(["Full", "Partial", "wsconform-reference"], targets.Select(t => t.GetProperty("agent").GetString()));
        string[] Ids(int i) => [.. targets[i].GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("autobahn").GetString()!)];
        Assert.Equal(["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "2.1"], Ids(0));
        Assert.Equal(["1.1.1", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7"], Ids(1));
        Assert.Equal(Ids(0), Ids(2));
    }

    [Fact]
    public async Task A_bad_spec_exits_2_with_one_line_naming_file_and_path()
    {
        var spec = WriteSpec(new() { ["servers"] = new object[] { new { url = "ws://127.0.0.1:9001" }, new { agent = "NoUrl" } } });

        var exit = await RunSession.ExecuteAsync(new RunSettings { AutobahnSpec = spec, CasesDirectory = CasesDirectory }, _output, _error, _timeout.Token);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal($"wsconform run: {spec}: servers[1].url: missing", _error.ToString().Trim());
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var exit = await RunSession.ExecuteAsync(new RunSettings { AutobahnSpec = Path.Combine(_folder, "none.json"), CasesDirectory = CasesDirectory }, _output, _error, _timeout.Token);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("none.json: cannot read:", _error.ToString(), StringComparison.Ordinal);
    }

    private static Task<ReferenceServer> StartServerAsync() =>
        ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, CancellationToken.None);

    private static List<JsonElement> ReadTargets(string folder)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        return [.. results.RootElement.GetProperty("targets").EnumerateArray().Select(t => t.Clone())];
    }

    private string WriteSpec(Dictionary<string, object> spec)
    {
        var path = Path.Combine(_folder, "fuzzingclient.json");
        File.WriteAllText(path, JsonSerializer.Serialize(spec));
        return path;
    }
}
