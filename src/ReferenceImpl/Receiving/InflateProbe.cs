using Conformance.ReferenceImpl.Extensions;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>Whether compressed bytes inflate with a 15-bit window after a given history: the diagnosis of a message that did not.</summary>
internal static class InflateProbe
{
    public static bool Inflates(ReadOnlySpan<byte> history, ReadOnlySpan<byte> input)
    {
        using var probe = new MessageInflater(noContextTakeover: true);
        probe.Begin();
        if (!history.IsEmpty)
        {
            // RFC 1951 3.2.4: a non-final stored block (BFINAL 0, BTYPE 00), LEN and NLEN little-endian, then the bytes.
            var tail = history.Length > ushort.MaxValue ? history[^ushort.MaxValue..] : history;
            var block = probe.Add(5 + tail.Length);
            block[0] = 0x00;
            block[1] = (byte)tail.Length;
            block[2] = (byte)(tail.Length >> 8);
            block[3] = (byte)~tail.Length;
            block[4] = (byte)(~tail.Length >> 8);
            tail.CopyTo(block[5..]);
        }

        input.CopyTo(probe.Add(input.Length));
        Span<byte> sink = stackalloc byte[4096];
        try
        {
            while (probe.Read(sink) > 0)
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
