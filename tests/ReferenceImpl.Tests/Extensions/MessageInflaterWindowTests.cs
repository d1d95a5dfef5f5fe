using Conformance.ReferenceImpl.Extensions;
using Xunit;
using static Conformance.ReferenceImpl.Tests.Extensions.Inflating;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// The inflater with the agreed window (RFC 7692 7.1.2.1 / 7.1.2.2) on the runtime's zlib-ng and on the system's zlib: a
/// peer that refers back further than it agreed is told apart from one that sends invalid data (RFC 7692 7.2.2).
/// </summary>
public sealed class MessageInflaterWindowTests
{
    /// <summary>768 bytes of noise three times: a 15-bit deflater refers back 768 bytes, beyond a 9-bit window's 512.</summary>
    private static readonly byte[] RepeatedNoise = [.. Noise(768, 9), .. Noise(768, 9), .. Noise(768, 9)];

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Inflater_with_an_agreed_9_bit_window_rejects_a_distance_beyond_512(DeflateImplementation engine)
    {
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: true);
        var compressed = Compress(deflater, RepeatedNoise);
        var inspector = new DeflateInspector();
        inspector.Decode([.. compressed, .. PerMessageDeflate.Trailer]);
        Assert.InRange(inspector.MaxDistance, 513, 32768);
        using var inflater = Engines.Inflater(engine, noContextTakeover: true, windowBits: 9);

        var failure = Assert.Throws<InvalidDataException>(() => Message(inflater, compressed));

        Assert.Equal(InflateFailure.DistanceTooFarBack, inflater.Failure);
        Assert.Contains("too far back", failure.Message, StringComparison.Ordinal);
        Assert.Equal(FullWindowCheck.PeerUsedLargerWindow, inflater.CheckWithFullWindow(compressed));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowCheckingAt), new[] { 8, 9, 10, 11, 12, 13 }, MemberType = typeof(Engines))]
    public void Inflater_with_an_agreed_window_rejects_a_distance_of_twice_its_size(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.1.2.1: a server compressing with a larger window than agreed. Noise of twice the window, repeated:
        // every reference reaches 2^(bits+1) back, which no inflate call's output can cover (it is capped at 2^bits).
        // (For 14 bits that would be 32768, beyond what a 15-bit deflater refers back: 2^15 - 262.)
        var noise = Noise(2 << bits, bits);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: true);
        var compressed = Compress(deflater, [.. noise, .. noise]);
        using var inflater = Engines.Inflater(engine, noContextTakeover: true, windowBits: bits);

        Assert.Throws<InvalidDataException>(() => Message(inflater, compressed, readSize: 1 << 20));

        Assert.Equal(InflateFailure.DistanceTooFarBack, inflater.Failure);
        Assert.Equal(FullWindowCheck.PeerUsedLargerWindow, inflater.CheckWithFullWindow(compressed));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Inflater_with_context_takeover_rejects_a_reference_into_the_previous_message_beyond_its_window(DeflateImplementation engine)
    {
        // RFC 7692 7.2.2 with context takeover: the second message repeats the first, 1000 bytes back, beyond 512.
        var noise = Noise(1000, 1);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        var first = Compress(deflater, noise);
        var second = Compress(deflater, noise);
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 9);

        Assert.Equal(noise, Message(inflater, first));
        Assert.Throws<InvalidDataException>(() => Message(inflater, second));

        Assert.Equal(InflateFailure.DistanceTooFarBack, inflater.Failure);
        // The check needs the first message's output as its window: without it the reference would be invalid data.
        Assert.Equal(FullWindowCheck.PeerUsedLargerWindow, inflater.CheckWithFullWindow(second));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Inflater_with_context_takeover_and_a_window_large_enough_follows_the_reference(DeflateImplementation engine)
    {
        var noise = Noise(1000, 1);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        var first = Compress(deflater, noise);
        var second = Compress(deflater, noise);
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 10);

        Assert.Equal(noise, Message(inflater, first));
        Assert.Equal(noise, Message(inflater, second));
        Assert.True(second.Length < 20, $"the second message is a back-reference, {second.Length} bytes");
    }

    [Theory]
    [MemberData(nameof(Engines.WindowCheckingAt), new[] { 9, 15 }, MemberType = typeof(Engines))]
    public void Distance_before_the_start_of_the_data_is_invalid_data_even_with_a_full_window(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.2.2: a message that refers into a previous one the inflater never saw is not valid DEFLATE data.
        var noise = Noise(1000, 2);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        Compress(deflater, noise);
        var second = Compress(deflater, noise);
        using var inflater = Engines.Inflater(engine, noContextTakeover: true, windowBits: bits);

        Assert.Throws<InvalidDataException>(() => Message(inflater, second));

        Assert.Equal(InflateFailure.DistanceTooFarBack, inflater.Failure);
        Assert.Equal(FullWindowCheck.InvalidData, inflater.CheckWithFullWindow(second));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Invalid_block_type_is_invalid_data_not_a_distance(DeflateImplementation engine)
    {
        // RFC 1951 3.2.3: BTYPE 11 is reserved.
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 9);

        Assert.Throws<InvalidDataException>(() => Message(inflater, [0xff, 0xff]));

        Assert.Equal(InflateFailure.InvalidData, inflater.Failure);
        Assert.Equal(FullWindowCheck.InvalidData, inflater.CheckWithFullWindow([0xff, 0xff]));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void Window_check_still_answers_after_reset_until_the_next_message(DeflateImplementation engine)
    {
        var noise = Noise(1000, 3);
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: false);
        var first = Compress(deflater, noise);
        var second = Compress(deflater, noise);
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 9);
        Message(inflater, first);
        Assert.Throws<InvalidDataException>(() => Message(inflater, second));

        inflater.Reset();

        Assert.Equal(FullWindowCheck.PeerUsedLargerWindow, inflater.CheckWithFullWindow(second));
        inflater.Begin();
        Assert.Equal(InflateFailure.None, inflater.Failure);
        Assert.Throws<InvalidOperationException>(() => inflater.CheckWithFullWindow(second));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void After_a_failed_message_and_a_reset_the_next_message_inflates_from_an_empty_window(DeflateImplementation engine)
    {
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 9);
        Assert.Throws<InvalidDataException>(() => Message(inflater, [0xff, 0xff]));
        inflater.Reset();

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F248CDC9C90700")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Reading_never_writes_more_than_the_destination_holds(DeflateImplementation engine)
    {
        // RFC 6455 7.4.1: a decompression bomb is inflated only as far as the caller's limit.
        using var deflater = Engines.Deflater(engine, 15, noContextTakeover: true);
        var bomb = Compress(deflater, new byte[1 << 20]);
        using var inflater = Engines.Inflater(engine, noContextTakeover: true, windowBits: 15);
        inflater.Begin();
        bomb.CopyTo(inflater.Add(bomb.Length));
        inflater.Finish();
        var destination = new byte[1000];

        Assert.Equal(100, inflater.Read(destination.AsSpan(0, 100)));
        Assert.All(destination[100..], b => Assert.Equal(0, b));
        Assert.Equal(1000, inflater.Read(destination));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowCheckingAt), new[] { 9, 15 }, MemberType = typeof(Engines))]
    public void After_a_final_block_the_next_message_refers_into_the_window(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.2.3.4: "Hello" in a final block; RFC 7692 7.2.3.2: the next "Hello" refers back into it.
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: bits);

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F348CDC9C9070000")));
        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
    }

    [Theory]
    [MemberData(nameof(Engines.AllWithEveryWindow), MemberType = typeof(Engines))]
    public void After_a_final_block_a_reference_reaches_back_across_the_whole_window(DeflateImplementation engine, int bits)
    {
        // RFC 7692 7.2.3.4: a message ending in a final block (here a stored one, RFC 1951 3.2.4); with context takeover
        // the next message may refer back into it as far as the agreed window allows (RFC 7692 7.1.2): the restarted
        // stream must hold all of it, not just the last few bytes.
        var length = bits == 8 ? 250 : (1 << bits) - 262;
        var noise = Noise(length, bits);
        byte[] final = [0x01, (byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8), .. noise];
        using var peer = Engines.Deflater(DeflateImplementation.Zlib, bits, noContextTakeover: false);
        var inspector = new DeflateInspector();
        inspector.Decode([.. Compress(peer, noise), .. PerMessageDeflate.Trailer]);
        var repeat = Compress(peer, noise);
        inspector.Decode([.. repeat, .. PerMessageDeflate.Trailer]);
        Assert.Equal(length, inspector.LastMaxDistance);
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: bits);

        Assert.Equal(noise, Message(inflater, final));
        Assert.Equal(noise, Message(inflater, repeat));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Bytes_after_a_final_block_in_the_same_message_are_ignored(DeflateImplementation engine)
    {
        // RFC 7692 7.2.3.4 ends the DEFLATE stream with the block; what follows (here BTYPE 11, invalid) is not inflated.
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 15);

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F348CDC9C90700FFFFFFFF")));
        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Message_that_ends_inside_a_block_does_not_garble_the_next_one(DeflateImplementation engine)
    {
        // A peer that kept the 0x00 0x00 0xff 0xff tail (against RFC 7692 7.2.1): with the tail appended again the data ends
        // inside a stored block header. As before, the message is delivered; the next one starts at a block boundary.
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 15);

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F248CDC9C907000000FFFF")));
        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public void Message_begun_again_before_it_ended_keeps_what_it_inflated_in_the_window(DeflateImplementation engine)
    {
        using var inflater = Engines.Inflater(engine, noContextTakeover: false, windowBits: 9);
        inflater.Begin();
        Convert.FromHexString("F248CDC9C90700").CopyTo(inflater.Add(7));
        inflater.Finish();
        Assert.Equal(5, inflater.Read(new byte[16]));

        Assert.Equal("Hello"u8.ToArray(), Message(inflater, Convert.FromHexString("F200110000")));
    }

    [Theory]
    [MemberData(nameof(Engines.WindowChecking), MemberType = typeof(Engines))]
    public void No_context_takeover_forgets_the_window_at_every_message(DeflateImplementation engine)
    {
        // RFC 7692 7.1.1.1: the second "Hello" of RFC 7692 7.2.3.2 refers back; without context takeover it cannot.
        using var inflater = Engines.Inflater(engine, noContextTakeover: true, windowBits: 15);
        Message(inflater, Convert.FromHexString("F248CDC9C90700"));

        Assert.Throws<InvalidDataException>(() => Message(inflater, Convert.FromHexString("F200110000")));
        Assert.Equal(InflateFailure.DistanceTooFarBack, inflater.Failure);
    }
}
