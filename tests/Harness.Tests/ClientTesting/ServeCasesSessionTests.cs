using System.Text.Json;
using Conformance.ClientDriver;
using Conformance.Harness.Cli;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

/// <summary>`wsconform serve-cases` as a CI job calls it: --exec starts the client under test, the exit code is the gate's.</summary>
public sealed class ServeCasesSessionTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("wsconform-serve-cases-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    /// <summary>The C# client driver, run as its own process the way a CI job runs a driver script.</summary>
    private static string Driver(string client) => $"dotnet \"{typeof(AutobahnDriver).Assembly.Location}\" \"$WSCONFORM_URL\" {client.Replace(':', '-')} --client {client} --case-timeout 20";

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        Directory.Delete(_reports, recursive: true);
    }

    [Fact]
    public async Task Exec_with_the_reference_client_exits_0_and_writes_its_reports()
    {
        var exit = await ServeAsync(Driver("reference"), ["framing.*", "handshake.response-accept-*", "pings.ping-text"]);

        Assert.True(exit == ExitCodes.Success, $"{_output}\n{_error}");
        Assert.All(new[] { "results.json", "index.html", "junit.xml", "summary.md" }, file => Assert.True(File.Exists(Path.Combine(_reports, file)), file));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_reports, "results.json")));
        var target = Assert.Single(results.RootElement.GetProperty("targets").EnumerateArray().ToList());
        Assert.Equal("reference", target.GetProperty("agent").GetString());
        Assert.Equal("client", target.GetProperty("peer").GetString());
        Assert.Contains("Client: reference", File.ReadAllText(Path.Combine(_reports, "index.html")), StringComparison.Ordinal);
        Assert.True(target.GetProperty("cases").GetArrayLength() > 20);
        Assert.Contains("the client under test exited", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_with_a_client_that_skips_the_accept_check_exits_1_naming_the_rule()
    {
        var exit = await ServeAsync(Driver("broken:AcceptsBadAccept"), ["handshake.response-accept-*"]);

        Assert.Equal(ExitCodes.CasesFailed, exit);
        Assert.Contains("RFC 6455 4.1", File.ReadAllText(Path.Combine(_reports, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_autobahn_fuzzingserver_spec_gives_the_url_outdir_and_cases_and_excludes_cases_per_agent()
    {
        var outdir = Path.Combine(_reports, "clients");
        var spec = Path.Combine(_reports, "fuzzingserver.json");
        File.WriteAllText(spec, $$"""{"url": "ws://127.0.0.1:0", "outdir": "{{outdir}}", "cases": ["1.1.*"], "exclude-cases": ["1.1.8"], "exclude-agent-cases": {"ref*": ["1.1.2"]}, "webport": 8080}""");
        var settings = new ServeCasesSettings { AutobahnSpec = spec, CasesDirectory = RepositoryPaths.Cases, Exec = Driver("reference"), Duration = TimeSpan.FromMinutes(3) };

        var exit = await ServeCasesSession.ExecuteAsync(settings, _output, _error, CancellationToken.None);

        Assert.True(exit == ExitCodes.Success, $"{_output}\n{_error}");
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(outdir, "results.json")));
        var ran = results.RootElement.GetProperty("targets")[0].GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("autobahn").GetString()).ToList();
        Assert.Equal(["1.1.1", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7"], ran);
    }

    [Fact]
    public async Task Exec_whose_client_cannot_run_every_case_exits_1()
    {
        var exit = await ServeAsync("exit 0", ["framing.*"]);

        Assert.Equal(ExitCodes.CasesFailed, exit);
        Assert.Contains("no client ran a case", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listen_address_that_is_not_loopback_is_refused_with_exit_2()
    {
        var settings = new ServeCasesSettings { Listen = new Uri("ws://0.0.0.0:9001/"), CasesDirectory = RepositoryPaths.Cases, ReportDirectory = _reports, Exec = "true" };
        var exit = await ServeCasesSession.ExecuteAsync(settings, _output, _error, CancellationToken.None);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("wsconform serve-cases: cannot listen on ws://0.0.0.0:9001/", _error.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> ServeAsync(string command, IReadOnlyList<string> include)
    {
        var settings = new ServeCasesSettings
        {
            Listen = new Uri("ws://127.0.0.1:0/"),
            CasesDirectory = RepositoryPaths.Cases,
            Include = include,
            ReportDirectory = _reports,
            Exec = command,
            Duration = TimeSpan.FromMinutes(3),
        };
        return await ServeCasesSession.ExecuteAsync(settings, _output, _error, CancellationToken.None);
    }
}
