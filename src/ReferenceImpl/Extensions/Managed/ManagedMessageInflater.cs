using System.IO.Compression;

namespace Conformance.ReferenceImpl.Extensions.Managed;

/// <summary>
/// The fallback decompressor (<see cref="DeflateImplementation.Managed"/>), for where neither zlib engine is usable:
/// incoming messages for permessage-deflate (RFC 7692 7.2.2), incrementally, with the runtime's DeflateStream.
/// <para>
/// Each message gets a fresh <see cref="DeflateStream"/> (raw DEFLATE, 15-bit window, which inflates every window size
/// 8..15). With context takeover the previous 32 KiB of output is replayed into it first as a stored block, so
/// references into earlier messages resolve. That also covers a peer that ends messages with a BFINAL block
/// (RFC 7692 7.2.3.4): the next message simply starts a new inflater; bytes after a final block are ignored.
/// The agreed window cannot be set, so a peer exceeding it goes unnoticed (<see cref="FullWindowCheck.Unavailable"/>).
/// </para>
/// </summary>
internal sealed class ManagedMessageInflater : IInflateEngine
{
    private readonly InflateInput _input = new();
    private readonly InflateHistory? _history;
    private DeflateStream? _stream;

    /// <param name="noContextTakeover">The peer promised to start every message from an empty window (RFC 7692 7.1.1).</param>
    public ManagedMessageInflater(bool noContextTakeover)
    {
        _history = noContextTakeover ? null : new InflateHistory();
    }

    public InflateFailure Failure { get; private set; }

    /// <summary>Starts a compressed message.</summary>
    public void Begin()
    {
        Dispose();
        Failure = InflateFailure.None;
        _input.Clear();
        _stream = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        if (_history is { Count: > 0 } history)
        {
            // RFC 7692 7.2.2: with context takeover the peer may refer back into earlier messages.
            history.WriteAsStoredBlock(_input);
            Span<byte> discard = stackalloc byte[4096];
            while (_stream.Read(discard) > 0)
            {
            }
        }
    }

    /// <summary>Queues compressed bytes; returns the room to copy them into (fill all of it).</summary>
    public Span<byte> Add(int count) => _input.Append(count);

    /// <summary>RFC 7692 7.2.2: appends 0x00 0x00 0xff 0xff to the end of the message's compressed data.</summary>
    public void Finish() => _input.Append(PerMessageDeflate.Trailer);

    /// <summary>Decompresses into <paramref name="destination"/>; 0 when all queued bytes are used (or the data ended).</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid DEFLATE data.</exception>
    public int Read(Span<byte> destination)
    {
        if (_stream is null)
        {
            throw new InvalidOperationException("no compressed message was begun");
        }

        int read;
        try
        {
            read = destination.IsEmpty ? 0 : _stream.Read(destination);
        }
        catch (InvalidDataException)
        {
            // A 15-bit window: a distance too far back here reaches before the start of the data, so invalid data too.
            Failure = InflateFailure.InvalidData;
            throw;
        }

        _history?.Add(destination[..read]);
        return read;
    }

    /// <summary>Ends the message: its output is the new window, or none without context takeover.</summary>
    /// <summary>DeflateStream does not say where it stopped: never reported by the fallback.</summary>
    public bool LastMessageEndedInsideBlock => false;

    public void End()
    {
        Dispose();
        _input.Clear();
    }

    /// <summary>Forgets the window, e.g. when a message was abandoned half way.</summary>
    public void Reset()
    {
        End();
        _history?.Clear();
    }

    /// <summary>DeflateStream has no window setting: whether a peer kept to a smaller one cannot be told.</summary>
    public FullWindowCheck CheckWithFullWindow(ReadOnlySpan<byte> compressedMessage) => FullWindowCheck.Unavailable;

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
