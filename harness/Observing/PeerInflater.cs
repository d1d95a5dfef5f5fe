using Conformance.ReferenceImpl.Extensions;

namespace Conformance.Harness.Observing;

/// <summary>
/// Inflates the peer's compressed messages frame by frame with the agreed parameters (RFC 7692 7.2.2), over the
/// reference core's <see cref="MessageInflater"/>. When the peer agreed to server_no_context_takeover every message is
/// inflated from an empty window; if that fails, the message is tried again with the previous 32 KiB of output as its
/// window: if it then inflates, the peer referred back into an earlier message and so broke its promise (7.1.1.1).
/// Output beyond <see cref="MaxMessageBytes"/> per message is not kept (a decompression bomb costs no memory).
/// </summary>
public sealed class PeerInflater : IDisposable
{
    private readonly MessageInflater _inflater;
    private readonly bool _noContextTakeover;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly MemoryStream _messageInput = new();
    private byte[] _previousWindow = [];
    private readonly MemoryStream _window = new();
    private long _messageOutput;
    private bool _messageLost;
    private bool _contextLost;

    public PeerInflater(PerMessageDeflateParameters agreed, int maxMessageBytes = PeerFrameReader.DefaultMaxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        _noContextTakeover = agreed.ServerNoContextTakeover;
        _inflater = new MessageInflater(_noContextTakeover);
        MaxMessageBytes = maxMessageBytes;
    }

    public int MaxMessageBytes { get; }

    /// <summary>Starts a compressed message (its first frame had RSV1).</summary>
    public void Begin()
    {
        _messageOutput = 0;
        _messageLost = _contextLost;
        _messageInput.SetLength(0);
        if (!_messageLost)
        {
            _inflater.Begin();
        }
    }

    /// <summary>The payload of a frame of this message is not known (cut by the reader's cap or the wire log): stop inflating.</summary>
    public void Lose()
    {
        _messageLost = true;

        // RFC 7692 7.2.2: with context takeover the next messages refer to this one, so they cannot be inflated either.
        _contextLost |= !_noContextTakeover;
    }

    /// <summary>Inflates one frame's payload; <paramref name="fin"/> ends the message (0x00 0x00 0xff 0xff is appended).</summary>
    public InflateOutcome Add(ReadOnlySpan<byte> payload, bool fin)
    {
        if (_messageLost)
        {
            return new InflateOutcome([], Truncated: true);
        }

        payload.CopyTo(_inflater.Add(payload.Length));
        if (_noContextTakeover)
        {
            _messageInput.Write(payload);
        }

        var output = new MemoryStream();
        try
        {
            Drain(output);
            if (fin)
            {
                // RFC 7692 7.2.2: the receiver appends 0x00 0x00 0xff 0xff to the message's payload, then inflates.
                _inflater.Finish();
                Drain(output);
                _inflater.End();
            }
        }
        catch (InvalidDataException exception)
        {
            return Failed(exception.Message, output.ToArray());
        }

        var truncated = _messageOutput > MaxMessageBytes;
        if (truncated)
        {
            _messageLost = true;
            _contextLost |= !_noContextTakeover;
        }

        if (fin && _noContextTakeover)
        {
            _previousWindow = _window.ToArray();
        }

        return new InflateOutcome(output.ToArray(), truncated);
    }

    public void Dispose()
    {
        _inflater.Dispose();
        _messageInput.Dispose();
        _window.Dispose();
    }

    private void Drain(MemoryStream output)
    {
        int read;
        while ((read = _inflater.Read(_chunk)) > 0)
        {
            var keep = (int)Math.Clamp(MaxMessageBytes - _messageOutput, 0, read);
            output.Write(_chunk, 0, keep);
            _messageOutput += read;
            if (_noContextTakeover)
            {
                RememberWindow(_chunk.AsSpan(0, read));
            }

            if (_messageOutput > MaxMessageBytes)
            {
                return;
            }
        }
    }

    /// <summary>The last 32 KiB of output, across messages: the window a peer breaking no_context_takeover would refer into.</summary>
    private void RememberWindow(ReadOnlySpan<byte> data)
    {
        _window.Write(data);
        if (_window.Length > 2 * InflateWindow)
        {
            var tail = _window.ToArray()[^InflateWindow..];
            _window.SetLength(0);
            _window.Write(tail);
        }
    }

    private const int InflateWindow = 1 << PerMessageDeflate.MaxWindowBits;

    private InflateOutcome Failed(string error, byte[] output)
    {
        _messageLost = true;
        _inflater.Reset();
        var brokePromise = _noContextTakeover && InflatesWithPreviousWindow();
        _contextLost |= !_noContextTakeover;
        return new InflateOutcome(output, Truncated: false, error, brokePromise);
    }

    /// <summary>Inflates this message's bytes so far again, after a stored block holding the previous message's last 32 KiB.</summary>
    private bool InflatesWithPreviousWindow()
    {
        var previous = _previousWindow.Length > InflateWindow ? _previousWindow[^InflateWindow..] : _previousWindow;
        if (previous.Length == 0)
        {
            return false;
        }

        using var retry = new MessageInflater(noContextTakeover: true);
        retry.Begin();

        // RFC 1951 3.2.4: a non-final stored block (BFINAL 0, BTYPE 00), LEN and NLEN little-endian, then the bytes.
        var block = retry.Add(5 + previous.Length);
        block[0] = 0x00;
        block[1] = (byte)previous.Length;
        block[2] = (byte)(previous.Length >> 8);
        block[3] = (byte)~previous.Length;
        block[4] = (byte)(~previous.Length >> 8);
        previous.CopyTo(block[5..]);
        _messageInput.GetBuffer().AsSpan(0, (int)_messageInput.Length).CopyTo(retry.Add((int)_messageInput.Length));
        try
        {
            while (retry.Read(_chunk) > 0)
            {
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
