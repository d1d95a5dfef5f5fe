using System.IO.Compression;

namespace Conformance.ReferenceImpl.Extensions.Managed;

/// <summary>
/// The fallback compressor (<see cref="DeflateImplementation.Managed"/>), for where neither zlib engine is usable: outgoing
/// messages for permessage-deflate (RFC 7692 7.2.1) with the runtime's <see cref="DeflateStream"/> (raw DEFLATE,
/// level 6 unless another is given), flushing each message (or fragment) with a sync flush.
/// <para>
/// Window bits. .NET 10 exposes no window size for DeflateStream: it always compresses with zlib's 15-bit window
/// (and zlib itself cannot make an 8-bit raw stream: it promotes 8 to 9). A smaller agreed window (RFC 7692 7.1.2) is
/// honoured exactly, 8 included, by never giving one zlib stream more than 2^bits input bytes: a stream that has taken
/// its share is flushed and replaced by a fresh one, so no back-reference can reach further than 2^bits bytes.
/// The replaced stream's sync-flushed output is a complete run of non-final blocks, so the message stays one valid
/// DEFLATE stream. The price is compression ratio (and a zlib state per 2^bits bytes), only when a peer asks for it.
/// </para>
/// </summary>
internal sealed class ManagedMessageDeflater : IDeflateEngine
{
    private readonly int _windowBits;
    private readonly bool _noContextTakeover;
    private readonly DeflateOutput _output = new();
    private DeflateStream? _stream;
    private long _budget;

    private readonly ZLibCompressionOptions _options;

    /// <param name="windowBits">The largest window this end may use, 8..15 (RFC 7692 7.1.2).</param>
    /// <param name="noContextTakeover">Start every message with an empty window (RFC 7692 7.1.1).</param>
    /// <param name="level">The level, given to the runtime's zlib-ng as it is (see <see cref="MessageDeflater.FastestLevel"/>).</param>
    public ManagedMessageDeflater(int windowBits, bool noContextTakeover, int level = 6)
    {
        if (!WindowBits.IsValid(windowBits))
        {
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, "window bits are 8 to 15 (RFC 7692 7.1.2)");
        }

        _windowBits = windowBits;
        _noContextTakeover = noContextTakeover;
        _options = new ZLibCompressionOptions { CompressionLevel = level };
    }

    /// <summary>
    /// Compresses <paramref name="data"/>, a whole message or one fragment of it, and returns the bytes for the frame's
    /// payload (valid until the next call). Every call ends in a sync flush, so each fragment can be inflated on arrival.
    /// </summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> data, bool endOfMessage)
    {
        _output.Clear();
        do
        {
            var stream = _stream ??= Start();
            var take = _windowBits == PerMessageDeflate.MaxWindowBits ? data.Length : (int)Math.Min(data.Length, _budget);
            stream.Write(data[..take]);
            data = data[take..];
            _budget -= take;

            // RFC 7692 7.2.1: the data ends with an empty stored block (a sync flush: 0x00 0x00 0xff 0xff).
            stream.Flush();
            if (_windowBits < PerMessageDeflate.MaxWindowBits && _budget == 0)
            {
                // This stream has seen 2^bits bytes: one more could be referenced from beyond the agreed window.
                Retire();
            }
        }
        while (!data.IsEmpty);

        if (endOfMessage)
        {
            EndMessage();
        }

        return _output.Written;
    }

    public void Dispose() => Retire();

    private void EndMessage()
    {
        // RFC 7692 7.2.1: the 0x00 0x00 0xff 0xff tail removed (7.2.3.6: an empty message is the byte 0x00).
        _output.EndMessage();

        // RFC 7692 7.1.1: without context takeover every message starts from an empty window.
        if (_noContextTakeover)
        {
            Retire();
        }
    }

    private DeflateStream Start()
    {
        _budget = WindowBits.Size(_windowBits);
        return new DeflateStream(_output, _options, leaveOpen: true);
    }

    private void Retire()
    {
        if (_stream is null)
        {
            return;
        }

        // Disposing writes a final block; it belongs to no message.
        _output.Discarding = true;
        try
        {
            _stream.Dispose();
        }
        finally
        {
            _output.Discarding = false;
            _stream = null;
        }
    }
}
