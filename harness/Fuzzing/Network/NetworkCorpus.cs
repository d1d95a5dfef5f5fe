using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The inputs a campaign mutates: the seeds, then every test that did something new (a new answer shape, new edges of
/// an instrumented server, memory that grew). Shared by the workers of one campaign; bounded. Picks favour fast
/// inputs (AFL++'s favoured entries weigh time too): of two candidates, the one whose test ran faster.
/// </summary>
public sealed class NetworkCorpus
{
    public const int MaxEntries = 5000;

    /// <summary>How often a pick comes from the newest entries (what just found something new is worth more tries).</summary>
    private const int RecentPercent = 30;

    private const int Recent = 32;

    private readonly List<(NetworkInput Input, TimeSpan Cost)> _entries = [];
    private readonly HashSet<string> _shapes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public NetworkCorpus(IEnumerable<NetworkInput> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _entries.AddRange(seeds.Select(seed => (seed, TimeSpan.Zero)));
        if (_entries.Count == 0)
        {
            _entries.Add((new NetworkInput(), TimeSpan.Zero));
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public NetworkInput Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            var recent = Math.Min(Recent, _entries.Count);
            var fromRecent = random.Next(100) < RecentPercent;
            (NetworkInput Input, TimeSpan Cost) One() => fromRecent ? _entries[_entries.Count - 1 - random.Next(recent)] : _entries[random.Next(_entries.Count)];
            var (a, b) = (One(), One());
            return a.Cost <= b.Cost ? a.Input : b.Input;
        }
    }

    /// <summary>Records the answer's shape; true when it is new.</summary>
    public bool IsNewShape(string shape)
    {
        lock (_lock)
        {
            return _shapes.Add(shape);
        }
    }

    public int Shapes
    {
        get
        {
            lock (_lock)
            {
                return _shapes.Count;
            }
        }
    }

    /// <param name="input">The test.</param>
    /// <param name="cost">How long it took (seeds and imports: zero, unknown).</param>
    public void Add(NetworkInput input, TimeSpan cost = default)
    {
        lock (_lock)
        {
            if (_entries.Count < MaxEntries)
            {
                _entries.Add((input, cost));
            }
        }
    }
}
