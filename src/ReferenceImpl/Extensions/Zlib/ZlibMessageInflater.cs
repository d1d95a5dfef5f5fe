using System.Buffers;

namespace Conformance.ReferenceImpl.Extensions.Zlib;

/// <summary>
/// permessage-deflate decompression on one zlib inflate stream with the agreed window (RFC 7692 7.1.2), living across
/// messages: with context takeover the window is zlib's own, so nothing is replayed; without it the stream is reset
/// (inflateReset) at each message (RFC 7692 7.1.1).
/// <para>
/// A final block (RFC 7692 7.2.3.4) ends the DEFLATE stream but not the LZ77 window: the rest of that message is
/// ignored, and before the next one the stream restarts with its window carried over (inflateGetDictionary, then
/// inflateSetDictionary). A message whose data does not end on a block boundary (a sync-flushed one always does) is
/// handled the same way, so its leftovers cannot garble the next message.
/// </para>
/// <para>
/// The window check. zlib fails a distance with "invalid distance too far back" only when it exceeds the window plus
/// the output of the current inflate call, so each call's output is capped at the window size (2^bits) when the window is
/// under 15 bits: any distance beyond twice the window is then always caught, one between 2^bits and 2^(bits+1) when it
/// occurs early enough in a call. A caught one is proven a window violation by <see cref="CheckWithFullWindow"/>: a fresh
/// 15-bit inflater, given the same preceding window, inflates the message past the failing byte. For that the output
/// before the current message is kept, at most 32 KiB, as two rings (before this message, and this message's tail,
/// merged at its end): only with context takeover and a window under 15 bits, the one case that needs it. That costs a
/// copy of the output; a shadow 15-bit inflater running beside would cost a second inflate of every message.
/// </para>
/// </summary>
internal sealed class ZlibMessageInflater : IInflateEngine
{
    private const int FullWindowBits = PerMessageDeflate.MaxWindowBits;

    private readonly ZlibInflater _zlib;
    private readonly bool _noContextTakeover;
    private readonly int _chunk;
    private readonly InflateInput _input = new();
    private readonly InflateHistory? _before;
    private readonly InflateHistory? _current;

    // A message was begun and not yet ended.
    private bool _open;

    // A block with BFINAL set ended this message's DEFLATE stream (RFC 7692 7.2.3.4).
    private bool _finalBlockSeen;

    // zlib's stream must start anew, keeping its window, before the next message.
    private bool _restart;

    // Reset was called: the kept window is cleared at the next Begin (a check may still look at it until then).
    private bool _windowForgotten;

    private long _messageOutput;
    private long? _failedAt;

    public ZlibMessageInflater(bool noContextTakeover, int windowBits)
    {
        _zlib = new ZlibInflater(windowBits);
        _noContextTakeover = noContextTakeover;
        _chunk = windowBits < FullWindowBits ? WindowBits.Size(windowBits) : int.MaxValue;
        if (!noContextTakeover && windowBits < FullWindowBits)
        {
            _before = new InflateHistory();
            _current = new InflateHistory();
        }
    }

    public void Begin()
    {
        if (_open)
        {
            CloseMessage();
        }

        _input.Clear();
        if (_noContextTakeover)
        {
            // RFC 7692 7.1.1.1 / 7.1.1.2: the peer starts every message from an empty window.
            _zlib.Reset();
        }
        else if (_restart)
        {
            // RFC 7692 7.2.2: with context takeover the peer may refer back into earlier messages, across a final block too.
            _zlib.RestartKeepingWindow();
            Restarts++;
        }

        if (_windowForgotten)
        {
            _before?.Clear();
            _windowForgotten = false;
        }

        _restart = false;
        _current?.Clear();
        _open = true;
        _finalBlockSeen = false;
        _messageOutput = 0;
        _failedAt = null;
        Failure = InflateFailure.None;
    }

    public InflateFailure Failure { get; private set; }

    /// <summary>How often the stream was restarted keeping its window (a sync-flushed message never needs it).</summary>
    internal int Restarts { get; private set; }

    public Span<byte> Add(int count) => _input.Append(count);

    public void Finish() => _input.Append(PerMessageDeflate.Trailer);

    public int Read(Span<byte> destination)
    {
        if (!_open)
        {
            throw new InvalidOperationException("no compressed message was begun");
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_finalBlockSeen)
        {
            // RFC 7692 7.2.3.4: the DEFLATE stream ended with a final block; what follows it in this message is ignored.
            _input.Clear();
            return 0;
        }

        var total = 0;
        while (total < destination.Length)
        {
            var room = destination[total..];
            room = room.Length > _chunk ? room[.._chunk] : room;
            var status = _zlib.Inflate(_input.Unread, room, out var consumed, out var written);
            _input.Consume(consumed);
            _current?.Add(room[..written]);
            _messageOutput += written;
            total += written;
            if (status == ZlibInflateStatus.DataError)
            {
                throw Failed();
            }

            if (status == ZlibInflateStatus.StreamEnd)
            {
                _finalBlockSeen = true;
                _input.Clear();
                break;
            }

            if (written < room.Length)
            {
                // zlib stops short of the room it was given only when the input is used up.
                break;
            }
        }

        return total;
    }

    public bool LastMessageEndedInsideBlock { get; private set; }

    public void End()
    {
        if (_open)
        {
            CloseMessage();
        }

        _input.Clear();
    }

    public void Reset()
    {
        _zlib.Reset();
        _input.Clear();
        _open = false;
        _restart = false;
        _finalBlockSeen = false;
        _windowForgotten = true;
    }

    public FullWindowCheck CheckWithFullWindow(ReadOnlySpan<byte> compressedMessage)
    {
        if (_failedAt is not { } failedAt)
        {
            throw new InvalidOperationException("no message failed to inflate: there is nothing to check");
        }

        if (_zlib.WindowBits == FullWindowBits)
        {
            // RFC 1951 3.2.5: no distance exceeds 32768, so no window is larger than this one: the data is invalid.
            return FullWindowCheck.InvalidData;
        }

        using var full = new ZlibInflater(FullWindowBits);
        var buffer = ArrayPool<byte>.Shared.Rent(InflateHistory.Capacity);
        try
        {
            if (_before is { Count: > 0 } before)
            {
                // RFC 7692 7.2.2: with context takeover the message may refer back into the output of earlier ones.
                before.CopyTo(buffer);
                full.SetWindow(buffer.AsSpan(0, before.Count));
            }

            // Inflating past the byte where the agreed window failed proves the distance there was valid, only larger.
            var input = compressedMessage;
            long output = 0;
            while (output <= failedAt)
            {
                var status = full.Inflate(input, buffer, out var consumed, out var written);
                input = input[consumed..];
                output += written;
                if (status != ZlibInflateStatus.Progress || (consumed == 0 && written == 0))
                {
                    break;
                }
            }

            return output > failedAt ? FullWindowCheck.PeerUsedLargerWindow : FullWindowCheck.InvalidData;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _zlib.Dispose();

    private InvalidDataException Failed()
    {
        // zlib's stream is broken now; a next message (without Reset) restarts it with the window it had.
        _restart = true;
        _failedAt = _messageOutput;
        if (_zlib.ErrorMessage == ZlibInflater.DistanceTooFarBackMessage)
        {
            Failure = InflateFailure.DistanceTooFarBack;
            return new InvalidDataException(
                $"invalid distance too far back: at byte {_messageOutput} of the message a distance reaches beyond the {_zlib.WindowBits}-bit window ({WindowBits.Size(_zlib.WindowBits)} bytes) or before the start of the data");
        }

        Failure = InflateFailure.InvalidData;
        return new InvalidDataException($"invalid DEFLATE data: {_zlib.ErrorMessage}");
    }

    private void CloseMessage()
    {
        _open = false;
        if (_before is not null && _current is not null)
        {
            _before.Add(_current);
            _current.Clear();
        }

        LastMessageEndedInsideBlock = !_finalBlockSeen && !_zlib.AtBlockBoundary;
        _restart |= _finalBlockSeen || !_zlib.AtBlockBoundary;
    }
}
