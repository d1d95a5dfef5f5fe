using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The frame stream parser. Input: one byte choosing the piece size and the strict rules, then the wire bytes.
/// Invariants: every parsed frame re-serialises (FrameWriter) to exactly the bytes it was parsed from; feeding the
/// stream in pieces gives the same frames (or the same refusal of a frame too large to hold) as feeding it at once; the strict parser throws nothing but
/// <see cref="ProtocolViolationException"/>.
/// </summary>
public static class FrameStreamTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var control = data[0];
        var wire = data[1..];
        var whole = FeedAll(wire, wire.Length);
        var pieceSize = (control & 0x0F) + 1;
        var fromPieces = FeedAll(wire, pieceSize);
        FuzzInvariantException.Check((whole is null) == (fromPieces is null), $"a frame too large for memory was refused {(whole is null ? "at once but not" : "in pieces but not at once")}");
        if (whole is not null)
        {
            FuzzInvariantException.Check(fromPieces!.SequenceEqual(whole), $"feeding {pieceSize}-byte pieces gave {fromPieces!.Count} frames, feeding at once {whole.Count}");
            CheckReserialises(wire, whole);
        }

        var rules = new FrameRuleContext((control & 0x10) == 0 ? Role.Server : Role.Client, NegotiatedRsvBits: (control >> 5) & 0x07);
        try
        {
            _ = new FrameStreamParser(rules).Feed(wire);
        }
        catch (ProtocolViolationException)
        {
            // The strict parser's own error: expected for broken frames.
        }
    }

    /// <summary>The frames of <paramref name="wire"/> fed in pieces; null when the parser refused a frame too large to hold.</summary>
    private static List<Frame>? FeedAll(ReadOnlySpan<byte> wire, int pieceSize)
    {
        var parser = new FrameStreamParser();
        var frames = new List<Frame>();
        try
        {
            for (var start = 0; start < wire.Length || start == 0; start += Math.Max(1, pieceSize))
            {
                frames.AddRange(parser.Feed(wire.Slice(start, Math.Min(pieceSize, wire.Length - start))));
            }
        }
        catch (ProtocolViolationException)
        {
            // The lenient parser still refuses a payload longer than an array can hold.
            return null;
        }

        return frames;
    }

    private static void CheckReserialises(ReadOnlySpan<byte> wire, List<Frame> whole)
    {
        var offset = 0;
        foreach (var frame in whole)
        {
            var bytes = FrameWriter.ToBytes(frame);
            FuzzInvariantException.Check(wire[offset..].StartsWith(bytes), $"frame {frame} does not re-serialise to the {bytes.Length} bytes it was parsed from at offset {offset}");
            offset += bytes.Length;
        }
    }
}
