using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The inputs a campaign mutates: the seeds, then every test that did something new (a new answer shape, new edges of
/// an instrumented server, memory that grew). Shared by the workers of one campaign; bounded. Picks favour fast
/// inputs (AFL++'s favoured entries weigh time too): of three candidates, the one whose test ran fastest.
/// </summary>
public sealed class NetworkCorpus
{
    public const int MaxEntries = 5000;

    /// <summary>How often a pick comes from the newest entries (what just found something new is worth more tries).</summary>
    private const int RecentPercent = 10;

    private const int Recent = 32;

    private const int SeedPercent = 50;

    private readonly int _seeds;

    private readonly List<(NetworkInput Input, TimeSpan Cost)> _entries = [];
    private readonly HashSet<string> _shapes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private TimeSpan _typicalCost;

    public NetworkCorpus(IEnumerable<NetworkInput> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _entries.AddRange(seeds.Select(seed => (seed, TimeSpan.Zero)));
        if (_entries.Count == 0)
        {
            _entries.Add((new NetworkInput(), TimeSpan.Zero));
        }

        _seeds = _entries.Count;
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
            var choice = random.Next(100);

            // Half the picks are seeds: found inputs pull towards what they found (often a refused handshake), the
            // catalogue keeps every area in play.
            var range = choice < RecentPercent ? (_entries.Count - recent, recent) : choice < RecentPercent + SeedPercent ? (0, _seeds) : (0, _entries.Count);
            (NetworkInput Input, TimeSpan Cost) One()
            {
                var entry = _entries[range.Item1 + random.Next(range.Item2)];

                // A seed's cost is unknown: it counts as a typical test.
                return entry.Cost == TimeSpan.Zero ? entry with { Cost = _typicalCost } : entry;
            }

            var (a, b, c) = (One(), One(), One());
            var fast = a.Cost <= b.Cost ? a : b;
            return fast.Cost <= c.Cost ? fast.Input : c.Input;
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
            if (cost > TimeSpan.Zero)
            {
                _typicalCost = _typicalCost == TimeSpan.Zero ? cost : (_typicalCost * 7 + cost) / 8;
            }

            if (_entries.Count < MaxEntries)
            {
                _entries.Add((input, cost));
            }
        }
    }
}
