namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// Where an inflater reads compressed bytes from: a queue the connection fills as frame payload arrives. The zlib engine
/// takes <see cref="Unread"/> and <see cref="Consume"/>s what zlib used; <see cref="System.IO.Compression.DeflateStream"/>
/// reads it as a stream, where an empty queue returns 0, which the DeflateStream reports as "no output yet"; it reads
/// again once more bytes were added.
/// </summary>
internal sealed class InflateInput : Stream
{
    private const int RetainedCapacity = 1 << 20;

    private byte[] _buffer = new byte[256];
    private int _start;
    private int _end;

    /// <summary>Bytes added and not yet read.</summary>
    public int Available => _end - _start;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Room for <paramref name="count"/> more bytes at the end of the queue; fill all of it.</summary>
    public Span<byte> Append(int count)
    {
        if (_start == _end)
        {
            _start = _end = 0;
            if (_buffer.Length > RetainedCapacity && count <= RetainedCapacity)
            {
                _buffer = new byte[256];
            }
        }

        if (_end + count > _buffer.Length)
        {
            // Move the unread bytes to the front, then grow if that is not enough.
            var unread = _end - _start;
            if (unread + count > _buffer.Length)
            {
                var grown = new byte[(int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)unread + count), Array.MaxLength)];
                _buffer.AsSpan(_start, unread).CopyTo(grown);
                _buffer = grown;
            }
            else
            {
                _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            }

            _start = 0;
            _end = unread;
        }

        var room = _buffer.AsSpan(_end, count);
        _end += count;
        return room;
    }

    /// <summary>Adds a copy of <paramref name="data"/> to the queue.</summary>
    public void Append(ReadOnlySpan<byte> data) => data.CopyTo(Append(data.Length));

    /// <summary>The bytes added and not yet read, oldest first.</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Marks the first <paramref name="count"/> unread bytes as read.</summary>
    public void Consume(int count) => _start += count;

    /// <summary>Forgets every unread byte.</summary>
    public void Clear() => _start = _end = 0;

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
