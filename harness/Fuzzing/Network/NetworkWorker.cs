using System.Globalization;
using Conformance.Fuzz.Network;
using Conformance.Harness.Fuzzing.Network.Supervision;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// One worker of a network campaign: its own server (started, watched and restarted when supervised), its own port,
/// its own deterministic random stream. It runs tests, tells what each did to the server (<see cref="ClassifyAsync"/>),
/// and re-runs inputs against a fresh server for the minimiser.
/// </summary>
internal sealed class NetworkWorker : IAsyncDisposable
{
    /// <summary>Tests after a (re)start before the server's memory is taken as its baseline.</summary>
    private const int WarmUpTests = 20;

    /// <summary>Memory grown by one test that makes it interesting (memory as feedback).</summary>
    private const long NotableGrowth = 1024 * 1024;

    /// <summary>Replays of an input that must show the leak again.</summary>
    private const int LeakReplays = 20;

    private readonly NetworkCampaignOptions _options;
    private readonly int _port;
    private readonly CaseRunner _runner;
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly Queue<(NetworkInput Input, long Growth)> _recent = new();
    private TargetProcess? _target;
    private long _baseline = -1;
    private int _sinceStart;

    public NetworkWorker(NetworkCampaignOptions options, int index, CoverageFeedback? coverage)
    {
        _options = options;
        Index = index;
        Coverage = coverage;
        var seed = options.Seed + (ulong)index * 0x9E3779B97F4A7C15UL;
        Random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        _port = options.Target.Contains("{port}", StringComparison.Ordinal) ? TargetProcess.FreePort() : new Uri(options.Target).Port;
        Url = new Uri(options.Target.Replace("{port}", _port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        _runner = new CaseRunner(options.Run with { Target = Url, OpenHandshakeTimeout = options.AnswerWithin, CaseTimeout = TimeSpan.FromSeconds(15), SettleEarly = false });
        if (coverage is not null)
        {
            _environment[CoverageFeedback.MapVariable] = coverage.Path;
        }
    }

    public int Index { get; }

    public Uri Url { get; }

    public Random Random { get; }

    public CoverageFeedback? Coverage { get; }

    public CaseRunner Runner => _runner;

    public int Restarts { get; private set; }

    /// <summary>How long the last test took, its survival check included.</summary>
    public TimeSpan Cost { get; private set; }

    public bool Supervised => _options.Exec is not null;

    /// <summary>Starts the server (supervised campaigns), or checks that the URL answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Exec is null)
        {
            var (answered, detail, _) = await SurvivalProbe.AnswersAsync(_runner, _options.AnswerWithin * 2, cancellationToken);
            if (!answered && !cancellationToken.IsCancellationRequested)
            {
                throw new TargetStartException($"the target {Url} does not answer: {detail}");
            }

            return;
        }

        _target = await TargetProcess.StartAsync(_options.Exec, _port, _environment, _runner, _options.ReadyTimeout, cancellationToken);
        _baseline = -1;
        _sinceStart = 0;
        _recent.Clear();
        Coverage?.Collect();
    }

    /// <summary>Kills the server and starts a fresh one.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
            _target = null;
        }

        if (_options.Exec is not null)
        {
            Restarts++;
            await StartAsync(cancellationToken);
        }
    }

    /// <summary>Runs a test and says what it did, why it is worth keeping (or null), and which input is to blame (a leak may show after its cause).</summary>
    public async Task<(TestVerdict Verdict, NetworkTestOutcome Outcome, string? Interesting, NetworkInput Blamed)> TestAsync(NetworkInput input, NetworkCorpus corpus, CancellationToken cancellationToken)
    {
        var before = _target?.Memory.ResidentBytes() ?? 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await NetworkTest.RunAsync(_runner, input, _options.AnswerWithin, cancellationToken);
        Cost = clock.Elapsed;
        var verdict = await ClassifyAsync(outcome, cancellationToken);
        string? interesting = null;
        var feedback = _options.EffectiveFeedback;
        if (Coverage?.Collect() is { Count: > 0 } fresh && verdict.Kind is null && feedback == NetworkFeedback.Edges)
        {
            // AFL's calibration, for the new edges only: run the input again; edges that do not come back were timing.
            await NetworkTest.RunAsync(_runner, input, _options.AnswerWithin, cancellationToken);
            Coverage.Collect();
            var again = Coverage.LastEdges.ToHashSet();
            Coverage.MarkUnstable(fresh.Where(edge => !again.Contains(edge)));
            interesting = fresh.Any(again.Contains) ? "edges" : null;
        }

        // A new kind of answer keeps a test under answers feedback (the default without coverage); under the others the
        // shape is still recorded, for the figures.
        if (corpus.IsNewShape(outcome.Shape) && feedback == NetworkFeedback.Answers)
        {
            interesting ??= "answer";
        }

        var blamed = input;
        if (verdict.Kind is null && _target is not null && _options.LeakBytes > 0)
        {
            var after = _target.Memory.ResidentBytes();
            var growth = after - before;
            if (growth > NotableGrowth)
            {
                interesting ??= "memory";
            }

            _recent.Enqueue((input, growth));
            if (_recent.Count > 256)
            {
                _recent.Dequeue();
            }

            if (++_sinceStart == WarmUpTests)
            {
                _baseline = after;
            }
            else if (_baseline >= 0 && after - _baseline > _options.LeakBytes)
            {
                // The input after which memory grew most is the suspect; the minimiser checks it leaks on its own.
                blamed = _recent.MaxBy(r => r.Growth).Input;
                verdict = TestVerdict.Of(FindingKind.Leak) with { Stderr = _target.Stderr, Exit = $"resident memory {after / (1024 * 1024)} MB, {(after - _baseline) / (1024 * 1024)} MB over its {_baseline / (1024 * 1024)} MB after warm-up" };
            }
        }

        return (verdict, outcome, interesting, blamed);
    }

    /// <summary>
    /// What the test did to the server: it exited (a crash, with its exit and stderr), it no longer answers a fresh
    /// connection though alive (a hang; confirmed by a second, longer try), it kept this connection (stuck).
    /// </summary>
    private async Task<TestVerdict> ClassifyAsync(NetworkTestOutcome outcome, CancellationToken cancellationToken, bool confirm = true)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return TestVerdict.Fine;
        }

        if (_target is not null && (_target.HasExited || (!outcome.Answered && await _target.WaitForExitAsync(TimeSpan.FromMilliseconds(500)))))
        {
            return await CrashAsync();
        }

        if (!outcome.Answered)
        {
            // Slow is not dead: a second try with twice the time (in the campaign; a replay of a known hang needs no second look).
            var (again, _, _) = confirm ? await SurvivalProbe.AnswersAsync(_runner, _options.AnswerWithin * 2, cancellationToken) : (false, string.Empty, []);
            if (_target is not null && (_target.HasExited || (!again && await _target.WaitForExitAsync(TimeSpan.FromMilliseconds(500)))))
            {
                return await CrashAsync();
            }

            if (!again && !cancellationToken.IsCancellationRequested)
            {
                return TestVerdict.Of(_target is null ? FindingKind.Unresponsive : FindingKind.Hang) with { Stderr = _target?.Stderr ?? string.Empty };
            }
        }

        return outcome.Released == false ? TestVerdict.Of(FindingKind.StuckConnection) with { Stderr = _target?.Stderr ?? string.Empty } : TestVerdict.Fine;
    }

    private async Task<TestVerdict> CrashAsync()
    {
        var target = _target!;
        await target.DisposeAsync();
        _target = null;
        var exit = target.ExitDescription ?? "exited";
        return new TestVerdict(FindingKind.Crash, CrashSignature.For(exit, target.Stderr), exit, target.Stderr);
    }

    /// <summary>Whether <paramref name="input"/> shows the same fault against a freshly started server (for the minimiser and the confirmation).</summary>
    public Task<(bool Reproduced, NetworkTestOutcome? Outcome, TestVerdict Verdict)> ReproduceAsync(NetworkInput input, TestVerdict wanted, CancellationToken cancellationToken) =>
        ReproduceAsync(NetworkTest.Definition(input, _options.AnswerWithin), wanted, cancellationToken);

    /// <summary>Whether the case (a finding file) shows the same fault against a freshly started server.</summary>
    public async Task<(bool Reproduced, NetworkTestOutcome? Outcome, TestVerdict Verdict)> ReproduceAsync(Cases.Model.CaseDefinition input, TestVerdict wanted, CancellationToken cancellationToken)
    {
        if (_options.Exec is null)
        {
            return (false, null, TestVerdict.Fine);
        }

        await RestartAsync(cancellationToken);
        if (wanted.Kind == FindingKind.Leak)
        {
            var start = _target!.Memory.ResidentBytes();
            // Half the bound in at most 20 replays: an input that leaks only now and then does not pass for one that leaks.
            var threshold = Math.Max(16L * 1024 * 1024, _options.LeakBytes / 2);
            NetworkTestOutcome? last = null;
            for (var i = 0; i < LeakReplays && !cancellationToken.IsCancellationRequested; i++)
            {
                last = await NetworkTest.RunAsync(_runner, input, cancellationToken);
                var grown = _target is null || _target.HasExited ? 0 : _target.Memory.ResidentBytes() - start;
                if (grown >= threshold)
                {
                    return (true, last, wanted with { Exit = $"resident memory grew {grown / (1024 * 1024)} MB over {i + 1} replays" });
                }
            }

            return (false, last, TestVerdict.Fine);
        }

        var outcome = await NetworkTest.RunAsync(_runner, input, cancellationToken);
        var verdict = await ClassifyAsync(outcome, cancellationToken, confirm: false);
        return (verdict.Kind == wanted.Kind && verdict.Signature == wanted.Signature, outcome, verdict);
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
            _target = null;
        }

        Coverage?.Dispose();
    }
}
