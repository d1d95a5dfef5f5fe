namespace Conformance.ReferenceImpl.Receiving;

/// <summary>The last <c>capacity</c> bytes of a stream of output: the LZ77 window a peer could refer back into.</summary>
internal sealed class OutputHistory
{
    private readonly byte[] _ring;
    private int _next;
    private bool _full;

    public OutputHistory(int capacity)
    {
        _ring = new byte[capacity];
    }

    public void Add(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _ring.Length)
        {
            data[^_ring.Length..].CopyTo(_ring);
            _next = 0;
            _full = true;
            return;
        }

        var first = Math.Min(data.Length, _ring.Length - _next);
        data[..first].CopyTo(_ring.AsSpan(_next));
        data[first..].CopyTo(_ring);
        _full |= _next + data.Length >= _ring.Length;
        _next = (_next + data.Length) % _ring.Length;
    }

    public byte[] ToArray() => _full ? [.. _ring.AsSpan(_next), .. _ring.AsSpan(0, _next)] : _ring.AsSpan(0, _next).ToArray();
}
