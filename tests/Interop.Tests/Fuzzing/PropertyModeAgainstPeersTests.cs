using Conformance.Harness.Fuzzing;
using Conformance.Harness.Running;
using Xunit;

namespace Conformance.Interop.Tests.Fuzzing;

/// <summary>Property mode against real third-party servers: a bounded run ends, and finds nothing a conformant peer may do.</summary>
[Collection(InteropCollection.Name)]
public sealed class PropertyModeAgainstPeersTests
{
    [Fact]
    public async Task A_bounded_property_run_against_python_websockets_has_no_false_findings()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await Peers.StartPythonWebsocketsServerAsync(cts.Token);

        await AssertNoFindingsAsync(Peers.Endpoint(server), cts.Token);
    }

    [Fact]
    public async Task A_bounded_property_run_against_node_ws_has_no_false_findings()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await Peers.StartNodeWsServerAsync(cts.Token);

        await AssertNoFindingsAsync(Peers.Endpoint(server), cts.Token);
    }

    private static async Task AssertNoFindingsAsync(Uri target, CancellationToken cancellationToken)
    {
        var result = await new PropertyCampaign(new PropertyCampaignOptions
        {
            Run = new RunOptions { Target = target },
            Seed = 20261122,
            MaxTests = 300,
            Duration = TimeSpan.FromMinutes(2),
        }).RunAsync(null, cancellationToken);

        Assert.True(result.Unreachable is null, result.Unreachable);
        Assert.True(result.Tests > 0);
        Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings.Select(f => $"{f.Rule}: {f.Shrunk.Result.Reason}\n{f.Shrunk.CaseYaml}")));
    }
}
