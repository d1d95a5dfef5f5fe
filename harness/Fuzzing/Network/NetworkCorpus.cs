using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The inputs a campaign mutates: the seeds, then every test that did something new (a new answer shape, new edges of
/// an instrumented server, memory that grew). Shared by the workers of one campaign; bounded. Picks favour fast
/// inputs: of three candidates, the one whose test ran fastest. With edge coverage, AFL's favoured entries lead: for
/// every edge the cheapest entry that hits it (time by size), and most picks come from those or from the newest finds;
/// without it, half the picks are seeds.
/// </summary>
public sealed class NetworkCorpus
{
    public const int MaxEntries = 5000;

    /// <summary>How often a pick comes from the newest found entries (what just found something new is worth more tries).</summary>
    private const int RecentPercent = 10;

    private const int Recent = 32;

    private const int SeedPercent = 50;

    /// <summary>With edge coverage: picks among the newest found entries, and among the favoured ones.</summary>
    private const int EdgeRecentPercent = 20;

    private const int EdgeFavouredPercent = 70;

    private readonly Dictionary<int, int> _topRated = [];
    private List<int>? _favoured;

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
            var found = _entries.Count - _seeds;
            var recent = (Start: _entries.Count - Math.Min(Recent, found), Count: Math.Min(Recent, found));
            var choice = random.Next(100);
            var favoured = Favoured();
            List<int>? pool = null;
            (int Start, int Count) range;
            if (favoured.Count > 0)
            {
                // Edge coverage (AFL's culling): what just reached new code gets many tries, the favoured entries (together
                // they hit every edge seen, seeds included) most of the rest; a seed no edge favours is rarely worth a pick.
                range = choice < EdgeRecentPercent && found > 0 ? recent : (0, _entries.Count);
                pool = choice >= EdgeRecentPercent && choice < EdgeRecentPercent + EdgeFavouredPercent ? favoured : null;
            }
            else
            {
                // Half the picks are seeds: found inputs pull towards what they found (often a refused handshake), the
                // catalogue keeps every area in play.
                range = choice < RecentPercent && found > 0 ? recent : choice < RecentPercent + SeedPercent ? (0, _seeds) : (0, _entries.Count);
            }

            (NetworkInput Input, TimeSpan Cost) One()
            {
                var entry = pool is not null ? _entries[pool[random.Next(pool.Count)]] : _entries[range.Start + random.Next(range.Count)];

                // A seed's cost is unknown: it counts as a typical test.
                return entry.Cost == TimeSpan.Zero ? entry with { Cost = _typicalCost } : entry;
            }

            var (a, b, c) = (One(), One(), One());
            var fast = a.Cost <= b.Cost ? a : b;
            return fast.Cost <= c.Cost ? fast.Input : c.Input;
        }
    }

    /// <summary>AFL's top-rated entries: each edge keeps the entry that hits it most cheaply (time by size).</summary>
    private void Record(int index, IReadOnlyList<int> edges)
    {
        var (input, cost) = _entries[index];
        var score = Score(input, cost);
        foreach (var edge in edges)
        {
            if (!_topRated.TryGetValue(edge, out var best) || (index != best && score < Score(_entries[best].Input, _entries[best].Cost)))
            {
                _topRated[edge] = index;
                _favoured = null;
            }
        }
    }

    private double Score(NetworkInput input, TimeSpan cost) => Math.Max(1, (cost == TimeSpan.Zero ? _typicalCost : cost).TotalMilliseconds) * (input.Size + 1);

    private List<int> Favoured() => _favoured ??= [.. _topRated.Values.Distinct().Where(i => i < _entries.Count).Order()];

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

    /// <summary>The seeds, by index (a campaign with coverage runs each once, unmutated, to rate it).</summary>
    public NetworkInput Seed(int index)
    {
        lock (_lock)
        {
            return _entries[index].Input;
        }
    }

    public int SeedCount => _seeds;

    /// <summary>What seed <paramref name="index"/> cost and hit, run as it is.</summary>
    public void Rate(int index, TimeSpan cost, IReadOnlyList<int> edges)
    {
        lock (_lock)
        {
            _entries[index] = (_entries[index].Input, cost);
            Record(index, edges);
        }
    }

    /// <param name="input">The test.</param>
    /// <param name="cost">How long it took (seeds and imports: zero, unknown).</param>
    /// <param name="edges">The edges it hit, when the server's coverage is read.</param>
    public void Add(NetworkInput input, TimeSpan cost = default, IReadOnlyList<int>? edges = null)
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
                if (edges is not null)
                {
                    Record(_entries.Count - 1, edges);
                }
            }
        }
    }
}
