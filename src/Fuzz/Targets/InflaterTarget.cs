using Conformance.ReferenceImpl.Extensions;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The permessage-deflate inflater (RFC 7692 7.2.2). Input: one control byte (context takeover, window bits, how many
/// messages), then compressed bytes, split into up to three messages inflated with one <see cref="MessageInflater"/>.
/// Nothing but <see cref="InvalidDataException"/> may escape; output is capped like a message size limit. With bit 7
/// set the input is first compressed with <see cref="MessageDeflater"/>, and must inflate back to itself.
/// </summary>
public static class InflaterTarget
{
    private const int MaxOutput = 1 << 20;

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var control = data[0];
        var body = data[1..];
        var noContextTakeover = (control & 1) != 0;
        if ((control & 0x80) != 0)
        {
            RoundTrip(body, 8 + ((control >> 1) & 7), noContextTakeover);
            return;
        }

        using var inflater = new MessageInflater(noContextTakeover);
        var messages = 1 + ((control >> 1) % 3);
        var size = (body.Length + messages - 1) / Math.Max(1, messages);
        var output = new byte[16 * 1024];
        for (var start = 0; start < body.Length || start == 0; start += Math.Max(1, size))
        {
            var message = body.Slice(start, Math.Min(size, body.Length - start));
            try
            {
                inflater.Begin();
                message.CopyTo(inflater.Add(message.Length));
                Drain(inflater, output);
                inflater.Finish();
                Drain(inflater, output);
                inflater.End();
            }
            catch (InvalidDataException)
            {
                inflater.Reset();
            }

            if (body.IsEmpty)
            {
                break;
            }
        }
    }

    private static void RoundTrip(ReadOnlySpan<byte> text, int windowBits, bool noContextTakeover)
    {
        using var deflater = new MessageDeflater(windowBits, noContextTakeover);
        using var inflater = new MessageInflater(noContextTakeover);
        for (var round = 0; round < 2; round++)
        {
            var compressed = deflater.Compress(text, endOfMessage: true).ToArray();
            inflater.Begin();
            compressed.CopyTo(inflater.Add(compressed.Length));
            inflater.Finish();
            var restored = new byte[text.Length + 1];
            var total = 0;
            for (int n; total < restored.Length && (n = inflater.Read(restored.AsSpan(total))) > 0;)
            {
                total += n;
            }

            inflater.End();
            FuzzInvariantException.Check(restored.AsSpan(0, total).SequenceEqual(text), $"round {round}: {text.Length} bytes deflated ({windowBits}-bit window) inflate to {total} different bytes");
        }
    }

    private static void Drain(MessageInflater inflater, byte[] output)
    {
        var total = 0;
        for (int n; (n = inflater.Read(output)) > 0;)
        {
            total += n;
            if (total > MaxOutput)
            {
                return;
            }
        }
    }
}
