using System.Diagnostics;

namespace Conformance.Harness.Observing;

/// <summary>Every byte of a case both ways, in order, with a timestamp. Thread-safe: the reader and the writer log concurrently.</summary>
public sealed class WireLog
{
    private readonly List<WireEntry> _entries = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    /// <summary>Milliseconds since the case started.</summary>
    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    /// <summary>A snapshot of the entries so far.</summary>
    public IReadOnlyList<WireEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Appends an entry, stamping its index and time; returns the stamped entry.</summary>
    public T Add<T>(T entry)
        where T : WireEntry
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var stamped = entry with { Index = _entries.Count, AtMs = Math.Round(NowMs, 3) };
            _entries.Add(stamped);
            return (T)stamped;
        }
    }
}
