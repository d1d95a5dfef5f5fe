using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;
using Conformance.Harness.Running;
using Conformance.Harness.Serving;
using Xunit;

namespace Conformance.Interop.Tests.ClientTesting;

/// <summary>
/// The whole catalogue for clients, served by the harness on a free loopback port, as <c>wsconform serve-cases</c>
/// serves it: a real client's Autobahn-style driver runs every case, and the verdicts are read back per agent.
/// </summary>
internal sealed class ServedCatalogue : IAsyncDisposable
{
    private readonly CaseServer _server;
    private readonly AgentResults _results;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _reported;

    private ServedCatalogue(ServedCases cases, CaseServer server, AgentResults results, System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> reported)
    {
        Cases = cases;
        _server = server;
        _results = results;
        _reported = reported;
    }

    public ServedCases Cases { get; }

    /// <summary>The base URL drivers append /getCaseCount to (no trailing slash, as Autobahn's drivers expect).</summary>
    public string BaseUrl => _server.BaseUrl;

    public static ServedCatalogue Start(IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null)
    {
        var catalogue = CaseLoader.LoadDirectory(Path.Combine(PeerLocator.RepoRoot, "cases")).Select(new CaseFilter(include ?? [], exclude ?? []));
        var cases = new ServedCases(catalogue);
        var results = new AgentResults(cases, "ws://127.0.0.1/", new ToolInfo("wsconform", "interop"), DateTimeOffset.Now);
        var reported = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
        var server = CaseServer.Start(
            new CaseServerOptions
            {
                Listen = new Uri("ws://127.0.0.1:0/"),
                // A loaded CI machine may make a client answer a close after Autobahn's 1 s; that is not a finding.
                Run = new RunOptions { Target = new Uri("ws://127.0.0.1/"), CloseHandshakeTimeout = TimeSpan.FromSeconds(5), ServerDropTimeout = TimeSpan.FromSeconds(5) },
            },
            cases,
            results,
            (agent, _) =>
            {
                Reported(reported, agent).TrySetResult();
                return Task.CompletedTask;
            });
        return new ServedCatalogue(cases, server, results, reported);
    }

    /// <summary>Completes when the agent's driver called /updateReports (its last step), or fails at <paramref name="timeout"/>.</summary>
    public Task ReportsRequestedAsync(string agent, TimeSpan timeout) => Reported(_reported, agent).Task.WaitAsync(timeout);

    private static TaskCompletionSource Reported(System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> reported, string agent) =>
        reported.GetOrAdd(agent, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The agent's verdicts, once its driver has run (the server is stopped first, so no case is still being judged).</summary>
    public async Task<TargetResults> ResultsAsync(string agent)
    {
        await _server.DisposeAsync();
        return Assert.Single(_results.ToDocument(complete: true).Targets, target => target.Agent == agent);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Every case judged, and the FAILED ones exactly those expected (each a finding read on the wire).</summary>
    public void AssertVerdicts(TargetResults target, IReadOnlyCollection<string> expectedFailed, string driverOutput)
    {
        var missing = Cases.List.Select(c => c.Id).Except(target.Cases.Select(c => c.Id)).ToList();
        Assert.True(missing.Count == 0, $"cases without a verdict: {string.Join(", ", missing.Take(20))}\n{driverOutput}");
        Assert.All(target.Cases.Where(c => c.Verdict != Verdict.Ok), c => Assert.False(string.IsNullOrWhiteSpace(c.Reason), $"{c.Id} has no reason"));
        var failed = target.Cases.Where(c => c.Verdict == Verdict.Failed).ToList();
        Assert.True(
            failed.Select(c => c.Id).Order().SequenceEqual(expectedFailed.Order()),
            $"FAILED: {failed.Count}, expected {expectedFailed.Count}\n" + string.Join("\n", failed.Select(c => $"{c.Id}: {c.Reason}")));
    }

    /// <summary>"OK 513, NON-STRICT 11, ..." for the test log.</summary>
    public static string Counts(TargetResults target) =>
        string.Join(", ", target.Cases.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Key.ToAutobahn()} {g.Count()}"));
}
