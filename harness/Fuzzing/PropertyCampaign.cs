using System.Collections.Concurrent;
using System.Diagnostics;
using Conformance.Fuzz.Property;
using Conformance.Harness.Running;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Harness.Fuzzing;

/// <summary>What a property campaign runs against and its bounds.</summary>
public sealed record PropertyCampaignOptions
{
    public required RunOptions Run { get; init; }

    /// <summary>The same seed generates the same tests (whatever the parallelism).</summary>
    public ulong Seed { get; init; }

    public int MaxTests { get; init; } = 1000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Connections in use at once.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Live runs one shrink may spend.</summary>
    public int MaxShrinkSteps { get; init; } = 300;

    /// <summary>Where findings/&lt;id&gt;.yaml go; null writes none.</summary>
    public string? FindingsDirectory { get; init; }
}

/// <summary>Progress as the campaign goes: tests run, shrink steps, distinct findings.</summary>
public sealed record PropertyCampaignProgress(int Tests, int ShrinkSteps, int Findings, TimeSpan Elapsed);

/// <summary>A distinct finding: the shrunk exchange, its case file, and the test (seed, index) that first showed it.</summary>
public sealed record PropertyFinding(string Id, string Rule, ExchangeOutcome Shrunk, int OriginalFrames, int TestIndex, string? Path);

/// <summary>What a campaign did.</summary>
public sealed record PropertyCampaignResult(int Tests, int ShrinkSteps, TimeSpan Elapsed, IReadOnlyList<PropertyFinding> Findings, bool StoppedByDuration, string? Unreachable = null);

/// <summary>
/// Property-based testing of a live server: FsCheck generators make client exchanges from a seed, the reference
/// implementation predicts what a conformant server answers, the runner and judge check the live answer, and a
/// failing exchange is shrunk (FsCheck's greedy strategy with our shrinker) to the smallest that still fails, then
/// written out as a case file. Findings are deduplicated by the rule they break.
/// </summary>
public sealed class PropertyCampaign(PropertyCampaignOptions options)
{
    private const int MaxSize = 50;
    private readonly Gen<FuzzExchange> _generator = ExchangeGenerators.Exchange();
    private readonly ConcurrentDictionary<string, PropertyFinding> _findings = new(StringComparer.Ordinal);
    private string? _unreachable;
    private int _tests;
    private int _shrinks;

    public async Task<PropertyCampaignResult> RunAsync(IProgress<PropertyCampaignProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Duration);
        var next = -1;
        var live = new LiveExchange(options.Run);
        var workers = Enumerable.Range(0, Math.Max(1, options.Parallel)).Select(_ => Task.Run(async () =>
        {
            int index;
            while (!bounded.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < options.MaxTests)
            {
                var exchange = Generate(index);
                var outcome = await live.RunAsync(exchange, $"fuzz.test-{index}", Provenance(index), bounded.Token);
                if (outcome.Unreachable is { } problem && !bounded.IsCancellationRequested)
                {
                    // A target that went away ends the campaign; what was found so far is kept.
                    Interlocked.CompareExchange(ref _unreachable, $"target unreachable at test {index}: {problem}", null);
                    await bounded.CancelAsync();
                    break;
                }

                Interlocked.Increment(ref _tests);
                if (outcome.Finding && !bounded.IsCancellationRequested && !_findings.ContainsKey(outcome.Rule))
                {
                    await ShrinkAndRecordAsync(live, outcome, index, bounded.Token);
                }

                progress?.Report(new PropertyCampaignProgress(_tests, _shrinks, _findings.Count, clock.Elapsed));
            }
        })).ToList();
        await Task.WhenAll(workers);
        var findings = _findings.Values.OrderBy(f => f.TestIndex).ToList();
        return new PropertyCampaignResult(_tests, _shrinks, clock.Elapsed, findings, bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested && _unreachable is null, _unreachable);
    }

    /// <summary>Test <paramref name="index"/> of this seed: its own random stream and a size that grows as FsCheck's does.</summary>
    public FuzzExchange Generate(int index)
    {
        var seed = unchecked(options.Seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + 1);
        return Gen.Sample(_generator, 1, new Rnd(seed), 1 + (index % MaxSize))[0];
    }

    private async Task ShrinkAndRecordAsync(LiveExchange live, ExchangeOutcome failing, int index, CancellationToken cancellationToken)
    {
        var best = failing;
        var steps = 0;
        var improved = true;
        while (improved && steps < options.MaxShrinkSteps && !cancellationToken.IsCancellationRequested)
        {
            improved = false;
            foreach (var candidate in ExchangeShrinker.Shrink(best.Exchange))
            {
                if (steps++ >= options.MaxShrinkSteps || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                Interlocked.Increment(ref _shrinks);
                var outcome = await live.RunAsync(candidate, "fuzz.shrinking", Provenance(index), cancellationToken);
                // Keep the smaller exchange only if it still breaks the same rule.
                if (outcome.Finding && outcome.Rule == failing.Rule)
                {
                    best = outcome;
                    improved = true;
                    break;
                }
            }
        }

        var id = $"fuzz.finding-{options.Seed}-{index}";
        var final = await live.RunAsync(best.Exchange, id, Provenance(index), cancellationToken);
        if (!final.Finding || !_findings.TryAdd(failing.Rule, new PropertyFinding(id, failing.Rule, final, failing.Exchange.Frames.Count, index, null)))
        {
            return;
        }

        if (options.FindingsDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{id}.yaml");
            await File.WriteAllTextAsync(path, final.CaseYaml, CancellationToken.None);
            _findings[failing.Rule] = _findings[failing.Rule] with { Path = path };
        }
    }

    private string Provenance(int index) =>
        $"found by: wsconform fuzz --mode property --seed {options.Seed} (test {index}); replay: wsconform run --cases-dir <this folder>";
}
