namespace Conformance.Harness.Cases.Generation;

/// <summary>A small deterministic generator (xorshift64*): the same seed gives the same data on every machine and runtime.</summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(long seed)
    {
        // Never zero: xorshift would stay at zero.
        _state = ((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        if (_state == 0)
        {
            _state = 1;
        }
    }

    public ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>A value in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public void Fill(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(Next() >> 56);
        }
    }
}
