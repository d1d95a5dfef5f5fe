namespace Conformance.ReferenceImpl.Receiving;

/// <summary>The first bytes of something long (a frame's payload), up to a cap; the rest only counted.</summary>
internal sealed class KeptBytes
{
    private readonly int _cap;
    private byte[] _buffer = [];
    private int _kept;

    public KeptBytes(int cap)
    {
        _cap = cap;
    }

    /// <summary>Every byte offered since the last <see cref="Take"/>, kept or not.</summary>
    public long Count { get; private set; }

    public bool Truncated => Count > _kept;

    public void Add(ReadOnlySpan<byte> data)
    {
        Count += data.Length;
        var room = _cap - _kept;
        if (room <= 0 || data.IsEmpty)
        {
            return;
        }

        var take = Math.Min(room, data.Length);
        if (_kept + take > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(_cap, Math.Max(_kept + take, Math.Max(64, _buffer.Length * 2L))));
        }

        data[..take].CopyTo(_buffer.AsSpan(_kept));
        _kept += take;
    }

    /// <summary>Counts bytes without keeping any (they were seen, not stored).</summary>
    public void Skip(int count) => Count += count;

    /// <summary>The bytes kept, and starts over.</summary>
    public byte[] Take()
    {
        var kept = _buffer.AsSpan(0, _kept).ToArray();
        _kept = 0;
        Count = 0;
        if (_buffer.Length > 64 * 1024)
        {
            _buffer = [];
        }

        return kept;
    }
}
