using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>
/// Inflates the peer's compressed messages with the agreed parameters, the agreed window included (RFC 7692 7.2.2, 7.1.2).
/// A message that does not inflate is diagnosed: if it refers beyond the agreed window and inflates with a 15-bit one,
/// the peer used a larger window than it agreed (RFC 7692 7.1.2.1/7.1.2.2); when recording, if it inflates only with the
/// previous message's output as its window, the peer kept its context although it agreed not to (RFC 7692 7.1.1);
/// otherwise it is not DEFLATE data (7.2.2).
/// </summary>
internal sealed class InflateStage : IDisposable
{
    private const int HistorySize = 1 << PerMessageDeflate.MaxWindowBits;
    private const int MaxDiagnosedInput = 4 << 20;

    private readonly MessageInflater _inflater;
    private readonly Role _sender;
    private readonly bool _noContextTakeover;
    private readonly int _windowBits;
    private readonly bool _keepInput;
    private readonly bool _keepHistory;

    // Diagnosis (recording only): this message's compressed bytes, and the output before it (the last 32 KiB).
    private readonly MemoryStream _input = new();
    private readonly OutputHistory _history = new(HistorySize);
    private byte[] _historyAtBegin = [];
    private bool _inputOverflow;
    private bool _failed;

    public InflateStage(PerMessageDeflateParameters agreed, Role sender, bool diagnose)
    {
        _sender = sender;
        _noContextTakeover = agreed.NoContextTakeover(sender);
        _windowBits = agreed.MaxWindowBits(sender);
        // The input is kept to tell a window breach from bad data (both ways), the history to tell context takeover (recording).
        _keepInput = diagnose || _windowBits < PerMessageDeflate.MaxWindowBits;
        _keepHistory = diagnose && _noContextTakeover;
        _inflater = new MessageInflater(_noContextTakeover, _windowBits);
    }

    /// <summary>
    /// An earlier message could not be inflated and the peer uses context takeover, so later messages cannot be either
    /// (they may refer into it): their content is unknown.
    /// </summary>
    public bool ContextLost { get; private set; }

    public void Begin()
    {
        _failed = false;
        _input.SetLength(0);
        _inputOverflow = false;
        if (_keepHistory)
        {
            _historyAtBegin = _history.ToArray();
        }

        if (!ContextLost)
        {
            _inflater.Begin();
        }
    }

    /// <summary>Queues compressed bytes (already unmasked).</summary>
    public void Add(ReadOnlySpan<byte> compressed)
    {
        if (ContextLost || _failed)
        {
            return;
        }

        compressed.CopyTo(_inflater.Add(compressed.Length));
        if (_keepInput && !_inputOverflow)
        {
            _inputOverflow = _input.Length + compressed.Length > MaxDiagnosedInput;
            if (!_inputOverflow)
            {
                _input.Write(compressed);
            }
        }
    }

    /// <summary>RFC 7692 7.2.2: the message ended; 0x00 0x00 0xff 0xff is appended to its data.</summary>
    public void Finish()
    {
        if (!ContextLost && !_failed)
        {
            _inflater.Finish();
            Add([]);
        }
    }

    /// <summary>Inflates into <paramref name="destination"/>: bytes written, 0 when the queued input is used up or after a failure.</summary>
    public int Read(Span<byte> destination, out ProtocolViolation? failure)
    {
        failure = null;
        if (ContextLost || _failed || destination.IsEmpty)
        {
            return 0;
        }

        try
        {
            var read = _inflater.Read(destination);
            if (_keepHistory)
            {
                _history.Add(destination[..read]);
            }

            return read;
        }
        catch (InvalidDataException exception)
        {
            _failed = true;
            failure = Diagnose(exception.Message);
            Lose();
            return 0;
        }
    }

    /// <summary>
    /// The message is complete: its output is part of the window from now on (with context takeover). Returns the rule
    /// its end breaks: data that stops inside a DEFLATE block with the tail appended (RFC 7692 7.2.1).
    /// </summary>
    public ProtocolViolation? End()
    {
        if (ContextLost || _failed)
        {
            return null;
        }

        _inflater.End();
        return _inflater.LastMessageEndedInsideBlock
            ? new ProtocolViolation(ProtocolRule.CompressedMessageNotFlushed, "with 0x00 0x00 0xff 0xff appended, the data ends inside a DEFLATE block")
            : null;
    }

    /// <summary>The message will not be inflated to its end: with context takeover, later messages cannot be either.</summary>
    public void Lose()
    {
        _inflater.Reset();
        ContextLost |= !_noContextTakeover;
    }

    public void Dispose()
    {
        _inflater.Dispose();
        _input.Dispose();
    }

    private ProtocolViolation Diagnose(string error)
    {
        var plain = new ProtocolViolation(ProtocolRule.InvalidCompressedData, $"inflating failed: {error}");
        if (!_keepInput || _inputOverflow)
        {
            return plain;
        }

        var input = _input.GetBuffer().AsSpan(0, (int)_input.Length);

        // RFC 7692 7.1.2.1/7.1.2.2: with a larger window than agreed, the data refers further back than 2^bits bytes.
        if (_inflater.Failure == InflateFailure.DistanceTooFarBack && _windowBits < PerMessageDeflate.MaxWindowBits
            && _inflater.CheckWithFullWindow(input) == FullWindowCheck.PeerUsedLargerWindow)
        {
            var rule = _sender == Role.Server ? ProtocolRule.ServerWindowExceeded : ProtocolRule.ClientWindowExceeded;
            return new ProtocolViolation(rule, $"the message refers back further than the agreed window of 2^{_windowBits} bytes; it inflates only with a larger one ({error})");
        }

        // RFC 7692 7.1.1.1/7.1.1.2: a peer that promised no context takeover refers back into its previous message.
        if (_keepHistory && _historyAtBegin.Length > 0 && InflateProbe.Inflates(_historyAtBegin, input))
        {
            var rule = _sender == Role.Server ? ProtocolRule.ServerContextTakeoverUsed : ProtocolRule.ClientContextTakeoverUsed;
            return new ProtocolViolation(rule, $"the message refers back into an earlier message; alone it does not inflate ({error})");
        }

        return plain;
    }
}
