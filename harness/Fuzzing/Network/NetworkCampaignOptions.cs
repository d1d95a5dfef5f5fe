using Conformance.Fuzz.Network;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>What a network campaign runs against, how it supervises the server, and its bounds.</summary>
public sealed record NetworkCampaignOptions
{
    /// <summary>The server's URL; <c>{port}</c> in it is a free port per worker (then <see cref="Exec"/> gets the same port).</summary>
    public required string Target { get; init; }

    /// <summary>The command that starts the server (<c>{port}</c> filled in, WSCONFORM_PORT set); null: an unsupervised URL.</summary>
    public string? Exec { get; init; }

    /// <summary>TLS, headers and the like, as for <c>run</c> (the target is set per worker).</summary>
    public required RunOptions Run { get; init; }

    /// <summary>The same seed makes the same tests (per worker, given the same answers from the server).</summary>
    public ulong Seed { get; init; }

    public int MaxTests { get; init; } = 100_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Stop once this many distinct findings are written (0: no limit).</summary>
    public int MaxFindings { get; init; }

    /// <summary>Workers, each with its own supervised server.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>A fresh handshake and ping must be answered within this after every test (else a hang).</summary>
    public TimeSpan AnswerWithin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Resident memory growth of the server (over its size after warm-up) that is a leak; 0 turns the check off.</summary>
    public long LeakBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Read the edge map of an instrumented .NET server after every test and keep inputs that reach new edges.</summary>
    public bool Coverage { get; init; }

    /// <summary>What makes a test worth keeping; <see cref="NetworkFeedback.None"/> mutates the seeds only (a baseline).</summary>
    public NetworkFeedback Feedback { get; init; } = NetworkFeedback.Auto;

    /// <summary>The feedback in effect: edges with <see cref="Coverage"/>, else the server's answers.</summary>
    public NetworkFeedback EffectiveFeedback => Feedback != NetworkFeedback.Auto ? Feedback : Coverage ? NetworkFeedback.Edges : NetworkFeedback.Answers;

    /// <summary>The campaign folder: findings/, results.json, index.html, campaign.json.</summary>
    public required string Directory { get; init; }

    /// <summary>The AFL++-layout sync folder (default: Directory/sync); several campaigns may share one.</summary>
    public string? SyncDirectory { get; init; }

    /// <summary>This campaign's name in the sync folder (workers add -wN).</summary>
    public string SyncName { get; init; } = "wsconform-" + Environment.MachineName.ToLowerInvariant();

    public IReadOnlyList<NetworkInput> Seeds { get; init; } = [];

    /// <summary>The user's dictionary tokens (<c>--dictionary</c>, AFL's format): their protocol's words, mutated into payloads beside RFC 6455's.</summary>
    public IReadOnlyList<byte[]> Tokens { get; init; } = [];

    /// <summary>Live runs one finding's minimisation may spend, and its time.</summary>
    public int MaxMinimiseRuns { get; init; } = 300;

    public TimeSpan MaxMinimiseTime { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long the server may take to start answering.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>What makes a network test worth keeping in the corpus (memory growth always does, when supervised).</summary>
public enum NetworkFeedback
{
    /// <summary>Edges with --coverage, else answers.</summary>
    Auto,

    /// <summary>A new answer shape (status, events, close code, TCP ending, broken rules): AFLNet's response states.</summary>
    Answers,

    /// <summary>New edges of an instrumented server, confirmed by a second run.</summary>
    Edges,

    /// <summary>Nothing: the seeds are mutated, the corpus never grows.</summary>
    None,
}
