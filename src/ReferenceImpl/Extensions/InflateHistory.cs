namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The last 32 KiB of decompressed data: the LZ77 sliding window a peer with context takeover may refer back to
/// (RFC 7692 7.2.2). Kept as a ring; <see cref="WriteAsStoredBlock"/> replays it into a fresh DeflateStream,
/// <see cref="CopyTo"/> gives it to a zlib inflater as its window.
/// </summary>
internal sealed class InflateHistory
{
    /// <summary>DEFLATE's largest window (RFC 1951 2): no distance reaches further back.</summary>
    public const int Capacity = 1 << PerMessageDeflate.MaxWindowBits;

    private readonly byte[] _ring = new byte[Capacity];
    private int _end;

    public int Count { get; private set; }

    /// <summary>Remembers <paramref name="data"/>, forgetting what falls out of the window.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        if (data.Length >= Capacity)
        {
            data[^Capacity..].CopyTo(_ring);
            _end = 0;
            Count = Capacity;
            return;
        }

        var first = Math.Min(data.Length, Capacity - _end);
        data[..first].CopyTo(_ring.AsSpan(_end));
        data[first..].CopyTo(_ring);
        _end = (_end + data.Length) % Capacity;
        Count = Math.Min(Capacity, Count + data.Length);
    }

    /// <summary>Adds what <paramref name="other"/> holds, oldest first, as if it had been added here.</summary>
    public void Add(InflateHistory other)
    {
        var start = (other._end - other.Count + Capacity) % Capacity;
        var first = Math.Min(other.Count, Capacity - start);
        Add(other._ring.AsSpan(start, first));
        Add(other._ring.AsSpan(0, other.Count - first));
    }

    /// <summary>Copies the window, oldest byte first, to the start of <paramref name="destination"/> (at least <see cref="Count"/> long).</summary>
    public void CopyTo(Span<byte> destination)
    {
        var start = (_end - Count + Capacity) % Capacity;
        var first = Math.Min(Count, Capacity - start);
        _ring.AsSpan(start, first).CopyTo(destination);
        _ring.AsSpan(0, Count - first).CopyTo(destination[first..]);
    }

    public void Clear()
    {
        _end = 0;
        Count = 0;
    }

    /// <summary>
    /// Writes the window as one non-final stored block (RFC 1951 3.2.4: BFINAL 0, BTYPE 00, LEN, NLEN, the bytes). It
    /// ends on a byte boundary, as a sync-flushed message does, so the peer's next message follows it seamlessly.
    /// </summary>
    public void WriteAsStoredBlock(InflateInput input)
    {
        var block = input.Append(5 + Count);
        block[0] = 0x00;
        block[1] = (byte)Count;
        block[2] = (byte)(Count >> 8);
        block[3] = (byte)~Count;
        block[4] = (byte)(~Count >> 8);
        var start = (_end - Count + Capacity) % Capacity;
        var first = Math.Min(Count, Capacity - start);
        _ring.AsSpan(start, first).CopyTo(block[5..]);
        _ring.AsSpan(0, Count - first).CopyTo(block[(5 + first)..]);
    }
}
