using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>Compression as RFC 7692 7.2.1 describes it, with the RFC's own example bytes (7.2.3), on every engine.</summary>
public sealed class MessageDeflaterTests
{
    private static readonly byte[] Hello = "Hello"u8.ToArray();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Hello_compresses_to_the_bytes_of_RFC_7692_7_2_3_1(DeflateImplementation engine)
    {
        // RFC 7692 7.2.3.1: 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00, the 0x00 0x00 0xff 0xff tail removed (7.2.1).
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        Assert.Equal("F248CDC9C90700", Hex(deflater.Compress(Hello, endOfMessage: true)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Second_hello_shares_the_sliding_window_as_in_RFC_7692_7_2_3_2(DeflateImplementation engine)
    {
        // RFC 7692 7.2.3.2: with context takeover the second "Hello" is 0xf2 0x00 0x11 0x00 0x00.
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        deflater.Compress(Hello, endOfMessage: true);
        Assert.Equal("F200110000", Hex(deflater.Compress(Hello, endOfMessage: true)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void No_context_takeover_compresses_every_message_alone(DeflateImplementation engine)
    {
        // RFC 7692 7.1.1: without context takeover the second "Hello" is compressed as the first.
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: true);
        deflater.Compress(Hello, endOfMessage: true);
        Assert.Equal("F248CDC9C90700", Hex(deflater.Compress(Hello, endOfMessage: true)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Empty_message_compresses_to_a_single_zero_byte(DeflateImplementation engine)
    {
        // RFC 7692 7.2.3.6: an empty stored block, its tail removed, is 0x00.
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        Assert.Equal("00", Hex(deflater.Compress([], endOfMessage: true)));
        deflater.Compress(Hello, endOfMessage: true);
        Assert.Equal("00", Hex(deflater.Compress([], endOfMessage: true)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Compressed_message_never_ends_with_the_removed_tail(DeflateImplementation engine)
    {
        // RFC 7692 7.2.1: the 0x00 0x00 0xff 0xff of the final empty stored block is removed.
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        var message = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"id\":1,\"name\":\"wsconform\"}", 200)));
        var compressed = deflater.Compress(message, endOfMessage: true).ToArray();

        Assert.False(compressed.AsSpan().EndsWith(PerMessageDeflate.Trailer));
        Assert.Equal(message, new DeflateInspector().Decode([.. compressed, .. PerMessageDeflate.Trailer]));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Fragments_end_in_a_sync_flush_so_each_can_be_inflated_on_arrival(DeflateImplementation engine)
    {
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        var first = deflater.Compress("Hel"u8, endOfMessage: false).ToArray();
        var last = deflater.Compress("lo"u8, endOfMessage: true).ToArray();

        Assert.True(first.AsSpan().EndsWith(PerMessageDeflate.Trailer));
        var inspector = new DeflateInspector();
        Assert.Equal("Hel"u8.ToArray(), inspector.Decode(first));
        Assert.Equal("lo"u8.ToArray(), inspector.Decode([.. last, .. PerMessageDeflate.Trailer]));
    }

    [Theory]
    [MemberData(nameof(Engines.AllWithEveryWindow), MemberType = typeof(Engines))]
    public void Back_references_stay_within_the_agreed_window(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.1.2.1 / 7.1.2.2: the sender's LZ77 window is at most 2^bits, 8 included (which zlib alone promotes
        // to 9). Noise one and a half windows long, repeated, is what a 15-bit window would reference from beyond 2^bits.
        var window = 1 << bits;
        var noise = new byte[bits < 15 ? window + (window / 2) : window / 2];
        new Random(bits).NextBytes(noise);
        byte[] message = [.. noise, .. noise, .. noise];
        using var deflater = Engines.Deflater(engine, bits, noContextTakeover: false);
        var inspector = new DeflateInspector();

        var first = inspector.Decode([.. deflater.Compress(message, endOfMessage: true), .. PerMessageDeflate.Trailer]);
        var second = inspector.Decode([.. deflater.Compress(message, endOfMessage: true), .. PerMessageDeflate.Trailer]);

        Assert.Equal(message, first);
        Assert.Equal(message, second);
        Assert.InRange(inspector.MaxDistance, 0, window);
        if (bits < 15)
        {
            // The same message with the full window does reach further back: the limit above is the deflater's doing.
            using var full = Engines.Deflater(engine, 15, noContextTakeover: false);
            var unlimited = new DeflateInspector();
            unlimited.Decode([.. full.Compress(message, endOfMessage: true), .. PerMessageDeflate.Trailer]);
            Assert.True(unlimited.MaxDistance > window, $"a 15-bit window reached back only {unlimited.MaxDistance} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Window_of_8_bits_is_kept_across_messages_with_context_takeover(DeflateImplementation engine)
    {
        // Small messages share a zlib stream until it has seen 2^bits bytes, so references never reach further.
        using var deflater = Engines.Deflater(engine, 8, noContextTakeover: false);
        var inspector = new DeflateInspector();
        for (var i = 0; i < 40; i++)
        {
            var message = Encoding.ASCII.GetBytes($"message {i % 7} of the same few words");
            Assert.Equal(message, inspector.Decode([.. deflater.Compress(message, endOfMessage: true), .. PerMessageDeflate.Trailer]));
        }

        Assert.InRange(inspector.MaxDistance, 1, 256);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void The_fast_dynamic_level_sends_dynamic_Huffman_blocks_with_back_references(DeflateImplementation engine)
    {
        // The harness compresses at this level to exercise the peer's inflater (RFC 7692 7.2.2): zlib-ng's level 1
        // (deflate_quick) sends static Huffman codes only, its level 2 (deflate_fast) dynamic ones.
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"{{\"id\":{i},\"user\":\"user-{i % 97}\",\"active\":{(i % 3 == 0 ? "true" : "false")}}},")));
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false, level: MessageDeflater.FastDynamicLevel);
        var inspector = new DeflateInspector();

        Assert.Equal(message, inspector.Decode([.. deflater.Compress(message, endOfMessage: true), .. PerMessageDeflate.Trailer]));
        Assert.True(inspector.DynamicBlocks > 0, "no dynamic Huffman block");
        Assert.True(inspector.BackReferences > 100, $"{inspector.BackReferences} back-references");
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
