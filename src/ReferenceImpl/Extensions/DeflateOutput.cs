namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Where <see cref="System.IO.Compression.DeflateStream"/> writes compressed bytes: a growable buffer the compressor
/// reads back, trims (the 0x00 0x00 0xff 0xff tail, RFC 7692 7.2.1) and reuses. While <see cref="Discarding"/>, writes
/// are dropped (the final block a retired stream writes on disposal).
/// </summary>
internal sealed class DeflateOutput : Stream
{
    private const int RetainedCapacity = 1 << 20;

    private byte[] _buffer = new byte[256];

    public int Count { get; private set; }

    public bool Discarding { get; set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Count);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Empties the buffer; a large one is given back rather than kept for the connection's life.</summary>
    public void Clear()
    {
        Count = 0;
        if (_buffer.Length > RetainedCapacity)
        {
            _buffer = new byte[256];
        }
    }

    /// <summary>Drops the last <paramref name="count"/> bytes.</summary>
    public void Trim(int count) => Count -= count;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Discarding || buffer.IsEmpty)
        {
            return;
        }

        if (Count + buffer.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)Count + buffer.Length), Array.MaxLength));
        }

        buffer.CopyTo(_buffer.AsSpan(Count));
        Count += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
