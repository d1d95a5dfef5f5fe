using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Xunit;
using static Conformance.ReferenceImpl.Tests.Extensions.Inflating;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// The deflater on one zlib-ng or zlib stream with the agreed window (RFC 7692 7.1.2.1 / 7.1.2.2), proven by inflating with
/// exactly that window, on each engine that has one.
/// </summary>
public sealed class MessageDeflaterWindowTests
{
    public static TheoryData<int, bool> EveryWindowWithAndWithoutContextTakeover()
    {
        var data = new TheoryData<int, bool>();
        for (var bits = PerMessageDeflate.MinWindowBits; bits <= PerMessageDeflate.MaxWindowBits; bits++)
        {
            data.Add(bits, false);
            data.Add(bits, true);
        }

        return data;
    }

    public static TheoryData<DeflateImplementation, int, bool> WindowCheckingEnginesAtEveryWindowWithAndWithoutContextTakeover()
    {
        var data = new TheoryData<DeflateImplementation, int, bool>();
        foreach (var engine in new[] { DeflateImplementation.ZlibNg, DeflateImplementation.Zlib })
        {
            for (var bits = PerMessageDeflate.MinWindowBits; bits <= PerMessageDeflate.MaxWindowBits; bits++)
            {
                data.Add(engine, bits, false);
                data.Add(engine, bits, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WindowCheckingEnginesAtEveryWindowWithAndWithoutContextTakeover))]
    public void Deflater_output_at_every_window_inflates_with_exactly_that_window(DeflateImplementation engine, int bits, bool noContextTakeover)
    {
        // Noise one and a half windows long, repeated, and JSON-like text: what a larger window would refer back into.
        var window = 1 << bits;
        var noise = Noise(bits < 15 ? window + (window / 2) : window / 2, bits);
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i % 13},\"user\":\"user-{i % 7}\"}},")));
        byte[][] messages = [[.. noise, .. noise, .. noise], text, [.. noise, .. noise], text, [], text];
        using var deflater = Engines.Deflater(engine, bits, noContextTakeover);
        using var inflater = Engines.Inflater(engine, noContextTakeover, windowBits: bits);
        var inspector = new DeflateInspector();

        foreach (var message in messages)
        {
            var compressed = Compress(deflater, message);

            Assert.Equal(message, Message(inflater, compressed, readSize: 1 << 16));
            Assert.Equal(message, inspector.Decode([.. compressed, .. PerMessageDeflate.Trailer]));
        }

        // zlib and zlib-ng refer back at most 2^bits - 262 bytes (and 250 for an agreed 8, kept with a 9-bit window).
        Assert.InRange(inspector.MaxDistance, 1, bits == 8 ? 250 : window - 262);
    }

    [Theory]
    [MemberData(nameof(Engines.AllWithEveryWindow), MemberType = typeof(Engines))]
    public void No_context_takeover_compresses_the_same_message_to_the_same_bytes_every_time(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.1.1.1: the stream is reset after each message, so none refers into the one before.
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("wsconform ", 100)));
        using var deflater = Engines.Deflater(engine, bits, noContextTakeover: true);
        var first = Compress(deflater, message);

        Assert.Equal(first, Compress(deflater, message));
        Assert.Equal(first, Compress(deflater, message));
    }

    [Theory]
    [MemberData(nameof(Engines.AllWithEveryWindow), MemberType = typeof(Engines))]
    public void Context_takeover_with_one_stream_makes_a_repeated_message_a_few_bytes(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.2.3.2: the window spans messages; a repeat within it is one back-reference.
        var message = Encoding.ASCII.GetBytes("{\"event\":\"tick\",\"seq\":1}");
        using var deflater = Engines.Deflater(engine, bits, noContextTakeover: false);
        Compress(deflater, message);

        Assert.InRange(Compress(deflater, message).Length, 1, 8);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Large_incompressible_message_is_one_valid_stream_of_sync_flushed_blocks(DeflateImplementation engine)
    {
        // Output larger than any first guess at its size: the deflater grows its buffer and still ends in one flush.
        var noise = Noise(3 << 20, 7);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        using var inflater = Engines.Inflater(engine, noContextTakeover: false);
        var compressed = Compress(deflater, noise);

        Assert.Equal(noise, Message(inflater, compressed, readSize: 1 << 20));
        Assert.False(compressed.AsSpan().EndsWith(PerMessageDeflate.Trailer));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Fragments_each_end_in_exactly_one_sync_flush(DeflateImplementation engine)
    {
        // RFC 7692 7.2.1: every fragment ends with one empty stored block, never two (zlib.h warns of a repeated marker
        // when a flush runs out of output space). (The managed fallback writes nothing at all for an empty fragment:
        // DeflateStream.Flush does not call deflate without new input.)
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        for (var size = 0; size < 70_000; size += 6_997)
        {
            var fragment = deflater.Compress(Noise(size, size), endOfMessage: false).ToArray();

            Assert.True(fragment.AsSpan().EndsWith(PerMessageDeflate.Trailer));
            // A repeated marker is a second empty stored block: 0x00 0x00 0xff 0xff, then 0x00 0x00 0x00 0xff 0xff.
            Assert.False(fragment.Length >= 9 && fragment.AsSpan(0, fragment.Length - 5).EndsWith(PerMessageDeflate.Trailer) && fragment[^5] == 0, "two sync flushes in a row");
        }
    }
}
