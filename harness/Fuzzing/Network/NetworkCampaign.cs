using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Conformance.Fuzz.Network;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// Network fuzzing of a live server (<c>wsconform fuzz --mode network</c>): workers mutate catalogue seeds with
/// protocol-aware mutators and byte havoc, run each test as a survival case, and watch the server (exit and stderr,
/// answers to a fresh connection, resident memory, connections it keeps). A finding is deduplicated by its signature,
/// minimised by delta debugging against freshly started servers, written as a replayable case file, and replayed once
/// more from that file against a fresh start to confirm it.
/// </summary>
public sealed class NetworkCampaign(NetworkCampaignOptions options)
{
    private static readonly TimeSpan TimelineStep = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, NetworkFinding?> _findings = new(StringComparer.Ordinal);
    private readonly List<NetworkCampaignProgress> _timeline = [];
    private readonly Stopwatch _clock = new();
    private readonly List<NetworkWorker> _workers = [];
    private CoverageFeedback.SeenEdges? _edges;
    private NetworkCorpus _corpus = new([]);
    private long _tests;
    private string? _error;
    private CancellationTokenSource? _stop;
    private bool _stoppedByFindings;

    /// <summary>Tries to confirm a timing-dependent signature before it is given up.</summary>
    private const int MaxUnconfirmedTries = 3;

    private readonly ConcurrentBag<NetworkFinding> _unconfirmed = [];

    public string FindingsDirectory => Path.Combine(options.Directory, "findings");

    /// <summary>Where findings that did not happen again against a fresh start are set aside.</summary>
    public string UnconfirmedDirectory => Path.Combine(options.Directory, "unconfirmed");

    public async Task<NetworkCampaignResult> RunAsync(IProgress<NetworkCampaignProgress>? progress, CancellationToken cancellationToken)
    {
        _clock.Restart();
        Directory.CreateDirectory(FindingsDirectory);
        _corpus = new NetworkCorpus(options.Seeds);
        _edges = options.Coverage ? new CoverageFeedback.SeenEdges() : null;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Duration);
        _stop = bounded;
        var sync = options.SyncDirectory ?? Path.Combine(options.Directory, "sync");
        var jobs = Math.Max(1, options.Jobs);
        for (var i = 0; i < jobs; i++)
        {
            var coverage = _edges is null ? null : new CoverageFeedback(Path.Combine(options.Directory, $"coverage-w{i}.map"), _edges);
            _workers.Add(new NetworkWorker(options, i, coverage));
        }

        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var reporting = Task.Run(async () =>
        {
            var next = TimeSpan.Zero;
            try
            {
                while (await ticker.WaitForNextTickAsync(bounded.Token))
                {
                    var now = Snapshot();
                    progress?.Report(now);
                    if (now.Elapsed >= next)
                    {
                        lock (_timeline)
                        {
                            _timeline.Add(now);
                        }

                        next = now.Elapsed + TimelineStep;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        try
        {
            await Task.WhenAll(_workers.Select(worker => Task.Run(() => RunWorkerAsync(worker, new SyncFolder(sync, $"{options.SyncName}-w{worker.Index}"), bounded.Token), CancellationToken.None)));
        }
        finally
        {
            await bounded.CancelAsync();
            await reporting;
            foreach (var worker in _workers)
            {
                await worker.DisposeAsync();
            }
        }

        var final = Snapshot();
        lock (_timeline)
        {
            _timeline.Add(final);
        }

        var stoppedByDuration = !_stoppedByFindings && _clock.Elapsed >= options.Duration && !cancellationToken.IsCancellationRequested;
        return new NetworkCampaignResult(final, [.. _findings.Values.OfType<NetworkFinding>().OrderBy(f => f.FoundAfter)], [.. _timeline], stoppedByDuration, _error)
        {
            Unconfirmed = [.. _unconfirmed.OrderBy(f => f.FoundAfter)],
        };
    }

    private NetworkCampaignProgress Snapshot() => new(
        _clock.Elapsed,
        Math.Min(Interlocked.Read(ref _tests), options.MaxTests),
        _findings.Count,
        _workers.Sum(w => w.Restarts),
        _corpus.Count,
        _corpus.Shapes,
        _edges?.Edges);

    private async Task RunWorkerAsync(NetworkWorker worker, SyncFolder sync, CancellationToken stop)
    {
        sync.Create();
        try
        {
            await worker.StartAsync(stop);
        }
        catch (Exception exception) when (exception is TargetStartException or OperationCanceledException)
        {
            if (!stop.IsCancellationRequested)
            {
                _error ??= exception.Message;
            }

            return;
        }

        var lastImport = Stopwatch.StartNew();
        var calibrate = worker.Index;
        while (!stop.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _tests);
            if (index > options.MaxTests)
            {
                break;
            }

            // With coverage feedback, each worker first runs its share of the seeds as they are, to rate them (AFL's calibration).
            var rating = options.EffectiveFeedback == NetworkFeedback.Edges && calibrate < _corpus.SeedCount ? calibrate : -1;
            calibrate += rating >= 0 ? options.Jobs : 0;
            var input = rating >= 0 ? _corpus.Seed(rating) : NetworkMutator.Mutate(_corpus.Pick(worker.Random), worker.Random, () => _corpus.Pick(worker.Random), options.Tokens);
            var (verdict, outcome, interesting, blamed) = await worker.TestAsync(input, _corpus, stop);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            if (verdict.Kind is null && rating >= 0)
            {
                _corpus.Rate(rating, worker.Cost, worker.Coverage?.LastEdges ?? []);
            }
            else if (verdict.Kind is null)
            {
                if (interesting is not null && options.EffectiveFeedback != NetworkFeedback.None)
                {
                    _corpus.Add(input, worker.Cost, worker.Coverage?.LastEdges);
                    sync.Queue(input, interesting);
                }
            }
            else
            {
                await OnFindingAsync(worker, sync, verdict, blamed, index, ReferenceEquals(blamed, input) ? outcome : null, stop);
                if (!await RestartOrStopAsync(worker, stop))
                {
                    break;
                }
            }

            if (lastImport.Elapsed > TimeSpan.FromSeconds(30))
            {
                lastImport.Restart();
                foreach (var imported in sync.Import())
                {
                    _corpus.Add(imported);
                }
            }
        }
    }

    /// <summary>After a finding: a fresh server (supervised), or wait for the URL to answer again (at most 30 s).</summary>
    private async Task<bool> RestartOrStopAsync(NetworkWorker worker, CancellationToken stop)
    {
        try
        {
            if (worker.Supervised)
            {
                await worker.RestartAsync(stop);
                return true;
            }

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !stop.IsCancellationRequested)
            {
                if ((await SurvivalProbe.AnswersAsync(worker.Runner, TimeSpan.FromSeconds(2), stop)).Answered)
                {
                    return true;
                }

                await Task.Delay(1000, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _error ??= $"the target {worker.Url} stopped answering and did not come back within 30 s";
            return false;
        }
        catch (Exception exception) when (exception is TargetStartException or OperationCanceledException)
        {
            if (!stop.IsCancellationRequested)
            {
                _error ??= exception.Message;
            }

            return false;
        }
    }

    private async Task OnFindingAsync(NetworkWorker worker, SyncFolder sync, TestVerdict verdict, NetworkInput input, long test, NetworkTestOutcome? seen, CancellationToken stop)
    {
        var kind = verdict.Kind!.Value;
        if (!_findings.TryAdd(verdict.Signature, null))
        {
            // The same bug again: counted, not minimised again.
            if (_findings.TryGetValue(verdict.Signature, out var known) && known is not null)
            {
                _findings[verdict.Signature] = known with { Hits = known.Hits + 1 };
            }

            return;
        }

        var foundAfter = _clock.Elapsed;
        var id = $"fuzz.{kind.Slug()}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(verdict.Signature)))[..8].ToLowerInvariant()}";
        var minimised = input;
        var runs = 0;
        if (worker.Supervised && !stop.IsCancellationRequested)
        {
            var minimiser = new NetworkMinimiser(async candidate => (await worker.ReproduceAsync(candidate, verdict, stop)).Reproduced, options.MaxMinimiseRuns, options.MaxMinimiseTime);
            try
            {
                // Minimise only what reproduces at all (a fault that needed earlier tests is written as found).
                if ((await worker.ReproduceAsync(input, verdict, stop)).Reproduced)
                {
                    minimised = await minimiser.MinimiseAsync(input);
                }
            }
            catch (Exception exception) when (exception is TargetStartException or OperationCanceledException)
            {
                _error ??= exception is TargetStartException ? exception.Message : null;
            }

            runs = minimiser.Runs + 1;
        }

        var finding = new NetworkFinding
        {
            Id = id,
            Kind = kind,
            Signature = verdict.Signature,
            Test = test,
            Worker = worker.Index,
            FoundAfter = foundAfter,
            Found = input,
            Minimised = minimised,
            MinimiseRuns = runs,
            Exit = verdict.Exit,
            Stderr = verdict.Stderr,
        };
        finding = await FindingWriter.WriteAsync(finding, options, FindingsDirectory, worker, seen, stop);
        if (kind != FindingKind.Crash && finding.Reproduced == false)
        {
            // A hang, leak or stuck connection is a matter of time and load: one that does not happen again against a
            // fresh start is set aside, not reported (a crash happened, whatever a replay does). The signature may be tried again.
            _unconfirmed.Add(finding with { Path = FindingWriter.SetAside(finding.Path!, UnconfirmedDirectory) });
            if (_unconfirmed.Count(f => f.Signature == verdict.Signature) < MaxUnconfirmedTries)
            {
                _findings.TryRemove(verdict.Signature, out _);
            }

            return;
        }

        sync.Finding(minimised, kind, id);
        _findings[verdict.Signature] = finding;
        if (options.MaxFindings > 0 && _findings.Values.Count(f => f is not null) >= options.MaxFindings)
        {
            _stoppedByFindings = true;
            await _stop!.CancelAsync();
        }
    }
}
