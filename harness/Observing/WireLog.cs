using System.Diagnostics;

namespace Conformance.Harness.Observing;

/// <summary>
/// Every byte of a case both ways, in order, with a timestamp. Thread-safe: the reader and the writer log concurrently.
/// Bounded, so a target that floods the harness cannot exhaust its memory: past <see cref="MaxRetainedPayloadBytes"/>
/// payloads are stored truncated, and past <see cref="MaxEntries"/> entries are not stored (a note says so).
/// </summary>
public sealed class WireLog
{
    public const int MaxEntries = 200_000;
    public const long MaxRetainedPayloadBytes = 256L * 1024 * 1024;

    private readonly List<WireEntry> _entries = [];
    private long _retainedPayloadBytes;
    private bool _full;
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

    /// <summary>Appends an entry, stamping its index and time; returns the stamped entry (always whole, even when stored truncated).</summary>
    public T Add<T>(T entry)
        where T : WireEntry
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var stamped = entry with { Index = _entries.Count, AtMs = Math.Round(NowMs, 3) };
            if (_entries.Count >= MaxEntries)
            {
                if (!_full)
                {
                    _full = true;
                    _entries[^1] = new NoteEntry($"wire log full after {MaxEntries - 1} entries: later entries are not stored")
                    { Index = _entries.Count - 1, AtMs = stamped.AtMs };
                }

                return (T)stamped;
            }

            _entries.Add(Retained(stamped));
            return (T)stamped;
        }
    }

    private WireEntry Retained(WireEntry entry)
    {
        var (size, truncated) = entry switch
        {
            FrameEntry frame => (frame.Payload.Length, (WireEntry)(frame with { Payload = [], PayloadTruncated = true })),
            RawEntry raw => (raw.Bytes.Length, raw with { Bytes = [], Note = $"{raw.Note} ({raw.Bytes.Length} bytes, not stored: the wire log's payload budget is spent)" }),
            _ => (0, entry),
        };
        if (_retainedPayloadBytes + size > MaxRetainedPayloadBytes)
        {
            return truncated;
        }

        _retainedPayloadBytes += size;
        return entry;
    }
}
