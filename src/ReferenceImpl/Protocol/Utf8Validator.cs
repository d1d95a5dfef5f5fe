using System.Text.Unicode;

namespace Conformance.ReferenceImpl.Protocol;

/// <summary>
/// Incremental UTF-8 validation that fails at the first byte where a sequence can no longer be well-formed
/// (RFC 6455 8.1 with RFC 3629 / Unicode Table 3-7), even when the sequence is split across frames or reads.
/// The bulk of each chunk goes through the runtime's vectorised validator; only the bytes around chunk edges
/// go through the explicit state machine below.
/// </summary>
public struct Utf8Validator
{
    // States of the well-formed byte sequence automaton (Unicode 15, Table 3-7).
    private const byte Accept = 0;
    private const byte Tail1 = 1;      // one 80..BF still needed
    private const byte Tail2 = 2;      // two 80..BF still needed
    private const byte Tail3 = 3;      // three 80..BF still needed
    private const byte AfterE0 = 4;    // E0 A0..BF 80..BF (no overlongs)
    private const byte AfterED = 5;    // ED 80..9F 80..BF (no surrogates)
    private const byte AfterF0 = 6;    // F0 90..BF 80..BF 80..BF (no overlongs)
    private const byte AfterF4 = 7;    // F4 80..8F 80..BF 80..BF (nothing above U+10FFFF)
    private const byte Reject = 8;

    private byte _state;

    /// <summary>False once an invalid byte was seen; stays false.</summary>
    public readonly bool IsValid => _state != Reject;

    /// <summary>True when the bytes so far end on a character boundary (a message may end here).</summary>
    public readonly bool IsComplete => _state == Accept;

    /// <summary>Feeds the next bytes; returns false as soon as the input can no longer be valid UTF-8.</summary>
    public bool Advance(ReadOnlySpan<byte> bytes)
    {
        if (_state == Reject)
        {
            return false;
        }

        var i = 0;
        // Finish a sequence left open by the previous chunk.
        while (_state != Accept && i < bytes.Length)
        {
            _state = Step(_state, bytes[i++]);
            if (_state == Reject)
            {
                return false;
            }
        }

        var rest = bytes[i..];
        if (rest.IsEmpty)
        {
            return true;
        }

        // Hand everything up to the last (possibly unfinished) sequence to the vectorised validator.
        var cut = StartOfTrailingSequence(rest);
        if (!Utf8.IsValid(rest[..cut]))
        {
            _state = Reject;
            return false;
        }

        foreach (var b in rest[cut..])
        {
            _state = Step(_state, b);
            if (_state == Reject)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates a complete message or close reason in one call.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    private static int StartOfTrailingSequence(ReadOnlySpan<byte> bytes)
    {
        // A sequence is at most 4 bytes, so its lead byte is within the last 4.
        var limit = Math.Max(0, bytes.Length - 4);
        for (var p = bytes.Length - 1; p >= limit; p--)
        {
            var b = bytes[p];
            if (b < 0x80)
            {
                return p + 1;
            }

            if (b >= 0xC0)
            {
                return p;
            }
        }

        return limit;
    }

    private static byte Step(byte state, byte b) => state switch
    {
        Accept => b switch
        {
            < 0x80 => Accept,
            >= 0xC2 and <= 0xDF => Tail1,
            0xE0 => AfterE0,
            (>= 0xE1 and <= 0xEC) or 0xEE or 0xEF => Tail2,
            0xED => AfterED,
            0xF0 => AfterF0,
            >= 0xF1 and <= 0xF3 => Tail3,
            0xF4 => AfterF4,
            _ => Reject, // 80..C1 and F5..FF never start a sequence
        },
        Tail1 => IsContinuation(b) ? Accept : Reject,
        Tail2 => IsContinuation(b) ? Tail1 : Reject,
        Tail3 => IsContinuation(b) ? Tail2 : Reject,
        AfterE0 => b is >= 0xA0 and <= 0xBF ? Tail1 : Reject,
        AfterED => b is >= 0x80 and <= 0x9F ? Tail1 : Reject,
        AfterF0 => b is >= 0x90 and <= 0xBF ? Tail2 : Reject,
        AfterF4 => b is >= 0x80 and <= 0x8F ? Tail2 : Reject,
        _ => Reject,
    };

    private static bool IsContinuation(byte b) => b is >= 0x80 and <= 0xBF;
}
