using System.Collections.Concurrent;

namespace Conformance.Harness.Benchmarking;

/// <summary>Errors of one measurement by kind ("handshake: HTTP 503", "closed by server 1009", "no echo within 10 s").</summary>
internal sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;
    private long _wrongEchoes;

    public long Total => Interlocked.Read(ref _total);

    public long WrongEchoes => Interlocked.Read(ref _wrongEchoes);

    /// <summary>While false (the warm-up), nothing is counted.</summary>
    public bool Counting { get; set; } = true;

    public void Add(string kind)
    {
        if (!Counting)
        {
            return;
        }

        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, 1, static (_, count) => count + 1);
    }

    public void AddWrongEcho()
    {
        if (Counting)
        {
            Interlocked.Increment(ref _wrongEchoes);
        }
    }

    public void Clear()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _wrongEchoes, 0);
    }

    public IReadOnlyDictionary<string, long> ByKind() => new SortedDictionary<string, long>(_byKind, StringComparer.Ordinal);
}
