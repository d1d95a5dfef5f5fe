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

    private volatile bool _bulk;

    /// <summary>
    /// A bulk transfer is under way (the middle of a round-trips step): frame and raw payloads are stored without
    /// their bytes (their length stays in the header), as Autobahn switches its wire log off during bulk transfers.
    /// </summary>
    public bool Bulk
    {
        get => _bulk;
        set => _bulk = value;
    }

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

    /// <summary>Replaces the stored entry at <paramref name="index"/> with <paramref name="change"/>(it), when it is stored whole.</summary>
    public void Annotate(int index, Func<WireEntry, WireEntry> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (index < 0 || index >= _entries.Count || _entries[index] is FrameEntry { PayloadTruncated: true, Payload.Length: 0 } || _bulk)
            {
                return;
            }

            var changed = change(_entries[index]) with { Index = index, AtMs = _entries[index].AtMs };
            var added = changed is FrameEntry { Inflated: { } inflated } ? inflated.Length : 0;
            if (_retainedPayloadBytes + added > MaxRetainedPayloadBytes)
            {
                return;
            }

            _retainedPayloadBytes += added;
            _entries[index] = changed;
        }
    }

    private WireEntry Retained(WireEntry entry)
    {
        var (size, truncated) = entry switch
        {
            FrameEntry frame => (frame.Payload.Length + (frame.Inflated?.Length ?? 0), (WireEntry)(frame with { Payload = [], PayloadTruncated = true, Inflated = null })),
            RawEntry raw => (raw.Bytes.Length, raw with { Bytes = [], Note = $"{raw.Note} ({raw.Bytes.Length} bytes, not stored: {(_bulk ? "bulk transfer" : "the wire log's payload budget is spent")})" }),
            _ => (0, entry),
        };
        var bulk = _bulk && size > 0 && entry is not FrameEntry { Opcode: Conformance.ReferenceImpl.Framing.Opcode.Close or Conformance.ReferenceImpl.Framing.Opcode.Ping or Conformance.ReferenceImpl.Framing.Opcode.Pong };
        if (bulk || _retainedPayloadBytes + size > MaxRetainedPayloadBytes)
        {
            return truncated;
        }

        _retainedPayloadBytes += size;
        return entry;
    }
}
