using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Fuzzing;
using Conformance.Harness.Judging;
using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing;

/// <summary>Property mode against live servers: planted bugs are found and shrunk to replayable case files; the reference server yields nothing.</summary>
public sealed class PropertyCampaignTests : IAsyncLifetime, IDisposable
{
    private readonly string _findings = Directory.CreateTempSubdirectory("wsconform-findings-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private ReferenceServer? _reference;

    public async Task InitializeAsync() =>
        _reference = await ReferenceServer.StartAsync(new ReferenceServerOptions { Listen = new Uri("ws://127.0.0.1:0/") }, null, _timeout.Token);

    public async Task DisposeAsync()
    {
        if (_reference is not null)
        {
            await _reference.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_findings, recursive: true);
    }

    [Fact]
    public async Task A_bounded_run_against_the_reference_server_finds_nothing()
    {
        var result = await RunAsync(_reference!.Endpoint, maxTests: 400);

        Assert.Equal(400, result.Tests);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData(PlantedBug.NoUtf8CheckAcrossFragments, "RFC 6455 8.1")]
    [InlineData(PlantedBug.WrongPongPayload, "RFC 6455 5.5.3")]
    [InlineData(PlantedBug.AcceptsStrayContinuation, "RFC 6455 5.4")]
    public async Task A_planted_bug_is_found_shrunk_to_a_few_frames_and_its_case_file_fails_there_and_passes_on_the_reference(PlantedBug bug, string rule)
    {
        await using var broken = BrokenCoreServer.Start(bug);

        var result = await RunAsync(broken.Endpoint, maxTests: 1000);
        Assert.True(result.Unreachable is null, result.Unreachable);

        var finding = Assert.Single(result.Findings, f => f.Rule.Contains(rule, StringComparison.Ordinal));
        Assert.InRange(finding.Shrunk.Exchange.Frames.Count, 1, 4);
        var definition = Assert.Single(CaseLoader.LoadFile(finding.Path!));
        Assert.Equal(Verdict.Failed, (await ReplayAsync(definition, broken.Endpoint)).Verdict);
        Assert.NotEqual(Verdict.Failed, (await ReplayAsync(definition, _reference!.Endpoint)).Verdict);
    }

    [Fact]
    public void The_same_seed_generates_the_same_tests()
    {
        var options = new PropertyCampaignOptions { Run = new RunOptions { Target = new Uri("ws://127.0.0.1:1/") }, Seed = 99 };

        var first = Enumerable.Range(0, 50).Select(i => new PropertyCampaign(options).Generate(i).ToString()).ToList();
        var second = Enumerable.Range(0, 50).Select(i => new PropertyCampaign(options).Generate(i).ToString()).ToList();
        var other = Enumerable.Range(0, 50).Select(i => new PropertyCampaign(options with { Seed = 100 }).Generate(i).ToString()).ToList();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private Task<PropertyCampaignResult> RunAsync(Uri target, int maxTests) =>
        new PropertyCampaign(new PropertyCampaignOptions
        {
            Run = new RunOptions { Target = target },
            Seed = 20261122,
            MaxTests = maxTests,
            Duration = TimeSpan.FromMinutes(2),
            FindingsDirectory = _findings,
        }).RunAsync(null, _timeout.Token);

    private async Task<CaseResult> ReplayAsync(CaseDefinition definition, Uri target) =>
        Judge.Evaluate(definition, await new CaseRunner(new RunOptions { Target = target }).RunAsync(definition, _timeout.Token));
}
