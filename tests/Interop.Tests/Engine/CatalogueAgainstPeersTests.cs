using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Running;
using Xunit;

namespace Conformance.Interop.Tests.Engine;

/// <summary>The whole case catalogue against real third-party servers: every case gets a verdict, and the run ends.</summary>
[Collection(InteropCollection.Name)]
public sealed class CatalogueAgainstPeersTests
{
    private static readonly IReadOnlyList<CaseDefinition> Catalogue =
        [.. CaseLoader.LoadDirectory(Path.Combine(PeerLocator.RepoRoot, "cases")).Cases.Where(c => c.Roles.HasFlag(CaseRoles.Server))];

    [Fact]
    public async Task Every_case_gets_a_verdict_against_python_websockets()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await Peers.StartPythonWebsocketsServerAsync(cts.Token);
        var results = await RunAsync(Peers.Endpoint(server), cts.Token);

        AssertEveryCaseJudged(results);
        // Findings a conformance tool must report about websockets 10.4 (RFC 6455 4.2.1, 4.4; RFC 7230 5.4).
        Assert.Equal(Verdict.Failed, results["handshake.missing-host"].Verdict);
        Assert.Equal(Verdict.Failed, results["handshake.version-12"].Verdict);
        Assert.Contains("Sec-WebSocket-Version", results["handshake.version-12"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_case_gets_a_verdict_against_node_ws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await Peers.StartNodeWsServerAsync(cts.Token);
        var results = await RunAsync(Peers.Endpoint(server), cts.Token);

        AssertEveryCaseJudged(results);
        // ws 8 accepts an HTTP/1.0 upgrade request (RFC 6455 4.2.1 item 1 asks for HTTP/1.1 or higher).
        Assert.Equal(Verdict.Failed, results["handshake.http-1-0"].Verdict);
    }

    private static async Task<Dictionary<string, CaseResult>> RunAsync(Uri target, CancellationToken cancellationToken)
    {
        var runner = new CatalogueRunner(new RunOptions { Target = target }, parallel: 8);
        var results = await runner.RunAllAsync(Catalogue, cancellationToken: cancellationToken);
        return results.ToDictionary(r => r.Id);
    }

    private static void AssertEveryCaseJudged(Dictionary<string, CaseResult> results)
    {
        Assert.Equal(Catalogue.Select(c => c.Id).Order(), results.Keys.Order());
        Assert.All(results.Values.Where(r => r.Verdict != Verdict.Ok), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), $"{r.Id} has no reason"));

        // Mature echo servers break no framing, ping, UTF-8 or close rule: a FAILED there would be a false finding.
        var falseFindings = results.Values.Where(r => r.Verdict == Verdict.Failed && !r.Id.StartsWith("handshake.", StringComparison.Ordinal)).ToList();
        Assert.True(falseFindings.Count == 0, string.Join("\n", falseFindings.Select(r => $"{r.Id}: {r.Reason}")));
    }
}
