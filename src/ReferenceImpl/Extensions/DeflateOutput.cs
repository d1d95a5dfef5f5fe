namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Where a compressor writes compressed bytes (the zlib engine through <see cref="GetSpan"/> and <see cref="Advance"/>,
/// <see cref="System.IO.Compression.DeflateStream"/> as a stream): a growable buffer the compressor reads back, trims
/// (the 0x00 0x00 0xff 0xff tail, RFC 7692 7.2.1) and reuses. While <see cref="Discarding"/>, writes are dropped (the
/// final block a retired DeflateStream writes on disposal).
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

    /// <summary>Free room after the written bytes, at least <paramref name="sizeHint"/> long; <see cref="Advance"/> by what was used.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(Count);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span of <see cref="GetSpan"/> as written.</summary>
    public void Advance(int count) => Count += count;

    /// <summary>
    /// Ends a message whose every part ended in a sync flush (RFC 7692 7.2.1): removes the 0x00 0x00 0xff 0xff tail, or
    /// stands an empty stored block in when nothing was written.
    /// </summary>
    public void EndMessage()
    {
        if (Count == 0)
        {
            // RFC 7692 7.2.3.6: zlib writes nothing for a flush with no new input; an empty stored block stands in,
            // which after the tail is removed is the single byte 0x00.
            Write(PerMessageDeflate.EmptyBlock);
        }
        else if (Written.EndsWith(PerMessageDeflate.Trailer))
        {
            // RFC 7692 7.2.1: remove the 0x00 0x00 0xff 0xff tail of the final empty stored block.
            Trim(PerMessageDeflate.Trailer.Length);
        }
        else
        {
            throw new InvalidOperationException("a sync flush did not end in an empty stored block");
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Discarding || buffer.IsEmpty)
        {
            return;
        }

        Reserve(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(Count));
        Count += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Reserve(int count)
    {
        if (Count + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)Count + count), Array.MaxLength));
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
