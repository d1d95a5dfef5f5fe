using Conformance.ClientDriver;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.Harness.Serving;
using Conformance.Harness.Tests.Cases;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

/// <summary>The harness as a server on a free loopback port, the repository's client cases, and an Autobahn-style driver that runs them.</summary>
internal static class ClientTestingRig
{
    public static async Task<TargetResults> RunAsync(IReadOnlyList<string> include, string agent, Func<Uri, CancellationToken, Task> echo, IReadOnlyList<string>? exclude = null, string listen = "ws://127.0.0.1:0/")
    {
        var cases = new ServedCases(CatalogueSource.Load(RepositoryPaths.Cases, include, exclude ?? []));
        Assert.NotEmpty(cases.List);
        var results = new AgentResults(cases, "ws://127.0.0.1/", new ToolInfo("wsconform", "test"), DateTimeOffset.Now);
        var options = new CaseServerOptions
        {
            Listen = new Uri(listen),
            Run = new RunOptions { Target = new Uri("ws://127.0.0.1/") },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using (var server = CaseServer.Start(options, cases, results, (_, _) => Task.CompletedTask))
        {
            results.Url = server.Endpoint.ToString();
            var count = await AutobahnDriver.RunAsync(new Uri(server.BaseUrl), agent, echo, _ => { }, TimeSpan.FromSeconds(30), timeout.Token);
            Assert.Equal(cases.List.Count, count);
        }

        var target = Assert.Single(results.ToDocument(complete: true).Targets);
        Assert.Equal(agent, target.Agent);
        Assert.Equal(cases.List.Count, target.Cases.Count);
        return target;
    }

    /// <summary>"id: VERDICT (reason)" for every case that is not OK or INFORMATIONAL, for assertion messages.</summary>
    public static string NotOk(TargetResults target) =>
        string.Join("\n", target.Cases.Where(c => c.Verdict is not (Verdict.Ok or Verdict.Informational)).Select(c => $"{c.Id}: {c.Verdict.ToAutobahn()} ({c.Reason})"));
}
