using System.Diagnostics;
using System.Globalization;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Observing;

/// <summary>
/// What went over the wire in one case, in order, with timestamps, kept small whatever the peer does:
/// <list type="bullet">
/// <item>a run of like frames (same direction, opcode, flags and length: 65,536 fragments of one message, a flood of
/// pings) keeps its first <see cref="RunHead"/> frames and then one note that counts the rest;</item>
/// <item>each entry keeps at most the payload its writer gave it (the caller caps it), and all payloads together at
/// most <see cref="MaxRetainedPayloadBytes"/>;</item>
/// <item>past <see cref="MaxEntries"/> entries nothing more is stored: a last note counts what came after, by kind.</item>
/// </list>
/// Thread-safe; an entry's <see cref="WireEntry.Index"/> is its position (what reasons cite as "#n").
/// </summary>
public sealed class WireLog
{
    public const int MaxEntries = 2000;
    public const long MaxRetainedPayloadBytes = 2L * 1024 * 1024;

    /// <summary>How many like frames in a row are stored before the rest of the run is counted.</summary>
    public const int RunHead = 2;

    private readonly List<WireEntry> _entries = [];
    private readonly Func<TimeSpan> _clock;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _overflow = new(StringComparer.Ordinal);
    private long _retainedPayloadBytes;
    private FrameEntry? _runLead;
    private int _runLength;
    private long _runBytes;
    private int _runNoteIndex = -1;
    private double _runLastMs;

    /// <param name="clock">Time since the case started; a stopwatch by default.</param>
    public WireLog(Func<TimeSpan>? clock = null)
    {
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed;
        }

        _clock = clock;
    }

    /// <summary>
    /// A bulk transfer is under way (the middle of a round-trips step): data frames and raw bytes are stored without
    /// their payload (their length stays in the header), as Autobahn switches its wire log off during bulk transfers.
    /// </summary>
    public bool Bulk { get; set; }

    /// <summary>The entries so far (a run still being counted is closed by its note first).</summary>
    public IReadOnlyList<WireEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                CloseRun();
                if (_overflow.Count == 0)
                {
                    return [.. _entries];
                }

                var counted = string.Join(", ", _overflow.Select(pair => $"{pair.Value.ToString("N0", CultureInfo.InvariantCulture)} {pair.Key}"));
                return [.. _entries, new NoteEntry($"wire log full after {MaxEntries} entries; not stored: {counted}") { Index = _entries.Count, AtMs = _entries[^1].AtMs }];
            }
        }
    }

    /// <summary>Appends an entry stamped with the clock's time.</summary>
    public T Add<T>(T entry)
        where T : WireEntry => Add(entry, _clock());

    /// <summary>
    /// Appends an entry stamped with <paramref name="at"/>; returns it as stamped. A frame counted into a run gets the
    /// index of the run's note; <paramref name="keep"/> stores a frame even in a run (a frame a reason will cite).
    /// </summary>
    public T Add<T>(T entry, TimeSpan at, bool keep = false)
        where T : WireEntry
    {
        ArgumentNullException.ThrowIfNull(entry);
        var atMs = Math.Round(at.TotalMilliseconds, 3);
        lock (_lock)
        {
            if (entry is FrameEntry frame && !keep && ContinuesRun(frame))
            {
                _runLength++;
                _runBytes += (long)Math.Min(frame.Length, long.MaxValue);
                _runLastMs = atMs;
                return entry with { Index = _runNoteIndex, AtMs = atMs };
            }

            CloseRun();
            var stamped = entry with { Index = _entries.Count, AtMs = atMs };
            if (_entries.Count >= MaxEntries)
            {
                Count(stamped);
                return stamped with { Index = -1 };
            }

            _entries.Add(Retained(stamped));
            return stamped;
        }
    }

    /// <summary>Replaces the stored entry at <paramref name="index"/> with <paramref name="change"/>(it).</summary>
    public void Annotate(int index, Func<WireEntry, WireEntry> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (index < 0 || index >= _entries.Count || (_runNoteIndex == index && _runLength > 0))
            {
                return;
            }

            _entries[index] = change(_entries[index]) with { Index = index, AtMs = _entries[index].AtMs };
        }
    }

    /// <summary>Whether the frame is counted into a run rather than stored: it is like the last <see cref="RunHead"/> stored entries.</summary>
    private bool ContinuesRun(FrameEntry frame)
    {
        if (_runLength > 0)
        {
            return Alike(_runLead!, frame);
        }

        if (_entries.Count < RunHead || _entries.Count >= MaxEntries)
        {
            return false;
        }

        for (var i = _entries.Count - RunHead; i < _entries.Count; i++)
        {
            if (_entries[i] is not FrameEntry previous || !Alike(previous, frame))
            {
                return false;
            }
        }

        _runLead = (FrameEntry)_entries[^1];
        _runNoteIndex = _entries.Count;
        return true;
    }

    /// <summary>Ends a run being counted: one note says how many like frames were not stored.</summary>
    private void CloseRun()
    {
        if (_runLength == 0)
        {
            return;
        }

        var lead = _runLead!;
        var note = new NoteEntry($"{_runLength.ToString("N0", CultureInfo.InvariantCulture)} more {(lead.Direction == WireDirection.Sent ? "sent" : "received")} {lead.Opcode.Name()} frames like #{lead.Index} "
            + $"(fin={(lead.Fin ? 1 : 0)}, {lead.Length.ToString(CultureInfo.InvariantCulture)} bytes each, {_runBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes in all), not stored one by one")
        { Index = _entries.Count, AtMs = _runLastMs };
        _runLength = 0;
        _runBytes = 0;
        _runLead = null;
        if (_entries.Count >= MaxEntries)
        {
            Count(note);
            return;
        }

        _entries.Add(note);
    }

    private static bool Alike(FrameEntry a, FrameEntry b) =>
        a.Direction == b.Direction && a.Opcode == b.Opcode && a.Fin == b.Fin && a.Rsv == b.Rsv && a.Masked == b.Masked && a.Length == b.Length;

    private void Count(WireEntry entry)
    {
        var kind = entry switch
        {
            FrameEntry frame => $"{(frame.Direction == WireDirection.Sent ? "sent" : "received")} {frame.Opcode.Name()} frames",
            RawEntry raw => $"{(raw.Direction == WireDirection.Sent ? "sent" : "received")} raw writes",
            _ => "other entries",
        };
        _overflow[kind] = _overflow.GetValueOrDefault(kind) + 1;
    }

    /// <summary>The most payload bytes one entry keeps; a longer sent payload keeps its first bytes and its SHA-256.</summary>
    public const int MaxPayloadPerEntry = 4096;

    private WireEntry Retained(WireEntry entry)
    {
        if (entry is FrameEntry { Payload.Length: > MaxPayloadPerEntry } big)
        {
            entry = big with
            {
                Payload = big.Payload[..MaxPayloadPerEntry],
                PayloadTruncated = true,
                PayloadSha256 = big.PayloadTruncated ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big.Payload)),
            };
        }

        if (entry is FrameEntry { Inflated.Length: > MaxPayloadPerEntry } inflated)
        {
            entry = inflated with { Inflated = inflated.Inflated[..MaxPayloadPerEntry] };
        }

        if (entry is RawEntry { Bytes.Length: > MaxPayloadPerEntry } longRaw)
        {
            entry = longRaw with { Bytes = longRaw.Bytes[..MaxPayloadPerEntry], Note = $"{longRaw.Note} (the first {MaxPayloadPerEntry} of {longRaw.Bytes.Length} bytes)" };
        }

        var size = entry switch
        {
            FrameEntry frame => frame.Payload.Length + (frame.Inflated?.Length ?? 0),
            RawEntry raw => raw.Bytes.Length,
            _ => 0,
        };
        var bulk = Bulk && size > 0 && entry is not FrameEntry { Opcode: Opcode.Close or Opcode.Ping or Opcode.Pong };
        if (!bulk && _retainedPayloadBytes + size <= MaxRetainedPayloadBytes)
        {
            _retainedPayloadBytes += size;
            return entry;
        }

        var why = bulk ? "bulk transfer" : "the wire log's payload budget is spent";
        return entry switch
        {
            FrameEntry frame => frame with { Payload = [], PayloadTruncated = true, Inflated = null },
            RawEntry raw => raw with { Bytes = [], Note = $"{raw.Note} ({raw.Bytes.Length} bytes, not stored: {why})" },
            _ => entry,
        };
    }
}
