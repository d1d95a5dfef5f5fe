using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// The inputs a campaign mutates: the seeds, then every test that did something new (a new answer shape, new edges of
/// an instrumented server, memory that grew). Shared by the workers of one campaign; bounded.
/// </summary>
public sealed class NetworkCorpus
{
    public const int MaxEntries = 5000;

    /// <summary>How often a pick comes from the newest entries (what just found something new is worth more tries).</summary>
    private const int RecentPercent = 30;

    private const int Recent = 32;

    private readonly List<NetworkInput> _entries = [];
    private readonly HashSet<string> _shapes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public NetworkCorpus(IEnumerable<NetworkInput> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _entries.AddRange(seeds);
        if (_entries.Count == 0)
        {
            _entries.Add(new NetworkInput());
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
            return random.Next(100) < RecentPercent ? _entries[_entries.Count - 1 - random.Next(recent)] : _entries[random.Next(_entries.Count)];
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

    public void Add(NetworkInput input)
    {
        lock (_lock)
        {
            if (_entries.Count < MaxEntries)
            {
                _entries.Add(input);
            }
        }
    }
}
