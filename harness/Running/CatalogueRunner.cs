using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Running;

/// <summary>
/// Runs a catalogue against one target, <see cref="Parallel"/> cases at a time (each on its own connection, so
/// deliberate pauses cost no wall time), and reports each result as it finishes. After a case in which the peer
/// dropped, reset or timed out, a liveness probe checks the target; once it is dead every case not yet started fails
/// with "target unreachable since case ID" instead of timing out. A case that ended at its deadline while others ran is
/// run again alone before its result is given (a single-threaded server busy with one case is slow for all). Cancelling
/// stops promptly; finished results stand.
/// </summary>
public sealed class CatalogueRunner
{
    private readonly CaseRunner _runner;
    private string? _deadSince;
    private readonly List<(CaseDefinition Definition, CaseResult First)> _toConfirm = [];
    private int _confirmations;

    /// <summary>The most cases run again alone after ending at their deadline among others.</summary>
    public const int MaxConfirmations = 32;

    public CatalogueRunner(RunOptions options, int parallel = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        _runner = new CaseRunner(options);
        Parallel = parallel;
    }

    public RunOptions Options => _runner.Options;

    public int Parallel { get; }

    /// <summary>The case after which the target stopped answering, or null while it is alive.</summary>
    public string? DeadSince => Volatile.Read(ref _deadSince);

    /// <summary>Results in the order they finish. Ends early, without throwing, when <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<CaseResult> RunAsync(IReadOnlyList<CaseDefinition> cases, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var results = Channel.CreateUnbounded<CaseResult>();
        var producer = Task.Run(() => ProduceAsync(cases, results.Writer, cancellationToken), CancellationToken.None);
        await foreach (var result in results.Reader.ReadAllAsync(CancellationToken.None))
        {
            yield return result;
        }

        await producer;
    }

    /// <summary>Runs every case; <paramref name="onResult"/> sees each as it finishes. Returns the finished results (all, unless cancelled).</summary>
    public async Task<IReadOnlyList<CaseResult>> RunAllAsync(IReadOnlyList<CaseDefinition> cases, Action<CaseResult>? onResult = null, CancellationToken cancellationToken = default)
    {
        var finished = new List<CaseResult>();
        await foreach (var result in RunAsync(cases, cancellationToken))
        {
            finished.Add(result);
            onResult?.Invoke(result);
        }

        return finished;
    }

    private async Task ProduceAsync(IReadOnlyList<CaseDefinition> cases, ChannelWriter<CaseResult> results, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Parallel);
        var running = new List<Task>();
        try
        {
            foreach (var definition in cases)
            {
                await gate.WaitAsync(cancellationToken);
                if (DeadSince is { } dead)
                {
                    results.TryWrite(Unreachable(definition, dead));
                    gate.Release();
                    continue;
                }

                running.Add(RunOneAsync(definition, gate, results, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: start nothing more; the running cases return promptly.
        }

        await Task.WhenAll(running);
        await ConfirmAloneAsync(results, cancellationToken);
        results.TryComplete();
    }

    /// <summary>
    /// A case that failed because its deadline passed may only have waited behind another case (a single-threaded server
    /// inflating a decompression bomb keeps every other connection waiting): it runs again alone, and that run is its
    /// result. At most <see cref="MaxConfirmations"/> cases, so a target that is slow at everything costs little more.
    /// </summary>
    private async Task ConfirmAloneAsync(ChannelWriter<CaseResult> results, CancellationToken cancellationToken)
    {
        foreach (var (definition, first) in _toConfirm)
        {
            if (cancellationToken.IsCancellationRequested || DeadSince is not null)
            {
                results.TryWrite(first);
                continue;
            }

            var observation = await _runner.RunAsync(definition, cancellationToken);
            if (observation.Cancelled)
            {
                results.TryWrite(first);
                continue;
            }

            var again = Judge.Evaluate(definition, observation, Options.MaxMessageSize);
            var why = $"run again alone: its first run, among {Parallel} cases at once, ended at its deadline ({first.Verdict.ToAutobahn()}, close {first.CloseVerdict.ToAutobahn()})";
            results.TryWrite(again with
            {
                Reason = again.Verdict == Verdict.Ok && again.CloseVerdict == CloseVerdict.Ok ? again.Reason : $"{again.Reason} ({why})",
                Observation = again.Observation with { Wire = [.. again.Observation.Wire, new NoteEntry(why) { Index = again.Observation.Wire.Count, AtMs = again.Observation.Wire.LastOrDefault()?.AtMs ?? 0 }] },
            });
        }
    }

    /// <summary>Whether a result is one <see cref="ConfirmAloneAsync"/> runs again: a deadline passed, with other cases running.</summary>
    private bool NeedsConfirmation(CaseResult result) =>
        Parallel > 1 && result.Observation.TimedOut && !result.Observation.Settled
        && (result.Verdict is Verdict.Failed or Verdict.NonStrict || result.CloseVerdict is CloseVerdict.Failed or CloseVerdict.WrongCode);

    private async Task RunOneAsync(CaseDefinition definition, SemaphoreSlim gate, ChannelWriter<CaseResult> results, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var observation = await _runner.RunAsync(definition, cancellationToken);
            if (observation.Cancelled)
            {
                return;
            }

            var result = Judge.Evaluate(definition, observation, Options.MaxMessageSize);
            if (NeedsConfirmation(result) && Interlocked.Increment(ref _confirmations) <= MaxConfirmations)
            {
                lock (_toConfirm)
                {
                    _toConfirm.Add((definition, result));
                }
            }
            else
            {
                results.TryWrite(result);
            }

            if (observation.PeerMayBeDown && DeadSince is null && !await LivenessProbe.IsAliveAsync(_runner, cancellationToken))
            {
                Interlocked.CompareExchange(ref _deadSince, definition.Id, null);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static CaseResult Unreachable(CaseDefinition definition, string deadSince) => new()
    {
        Id = definition.Id,
        Autobahn = definition.Autobahn,
        Verdict = Verdict.Failed,
        CloseVerdict = CloseVerdict.Failed,
        Reason = $"target unreachable since case {deadSince}",
        DurationMs = 0,
        Observation = new Observation { CaseId = definition.Id, Wire = [] },
    };
}
