using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>
/// The bookkeeping of the engines that keep one inflate stream across messages (zlib-ng, zlib): the window stays the
/// stream's own, carried over by a restart only when a message did not end as RFC 7692 7.2.1 says.
/// </summary>
public sealed class StreamRestartTests
{
    [Theory]
    [InlineData(DeflateImplementation.ZlibNg, 9, 16)]
    [InlineData(DeflateImplementation.ZlibNg, 15, 16)]
    [InlineData(DeflateImplementation.ZlibNg, 15, 1)]
    [InlineData(DeflateImplementation.Zlib, 9, 16)]
    [InlineData(DeflateImplementation.Zlib, 15, 16)]
    [InlineData(DeflateImplementation.Zlib, 15, 1)]
    public void Sync_flushed_messages_need_no_restart_of_the_stream(DeflateImplementation engine, int bits, int extraRoom)
    {
        // RFC 7692 7.2.2: with the tail appended each message ends just before a block header; reading once more with
        // nothing left (as a connection probes) must not make it look otherwise.
        using var deflater = Engines.Deflater(engine, bits, noContextTakeover: false);
        var (inflater, restarts) = Stream(engine, bits);
        using (inflater)
        {
            for (var i = 0; i < 5; i++)
            {
                var message = System.Text.Encoding.ASCII.GetBytes($"{{\"id\":{i},\"user\":\"u{i}\"}}");
                var payload = deflater.Compress(message, endOfMessage: true).ToArray();
                inflater.Begin();
                payload.CopyTo(inflater.Add(payload.Length));
                inflater.Finish();
                var destination = new byte[message.Length + extraRoom];
                var total = 0;
                for (int read; (read = inflater.Read(destination.AsSpan(total))) > 0;)
                {
                    total += read;
                }

                inflater.End();
                Assert.Equal(message, destination[..total]);
            }

            Assert.Equal(0, restarts());
        }
    }

    [Theory]
    [InlineData(DeflateImplementation.ZlibNg, "F348CDC9C9070000", "F200110000")]
    [InlineData(DeflateImplementation.Zlib, "F348CDC9C9070000", "F200110000")]
    [InlineData(DeflateImplementation.ZlibNg, "F248CDC9C907000000FFFF", "F200110000")]
    [InlineData(DeflateImplementation.Zlib, "F248CDC9C907000000FFFF", "F200110000")]
    public void Final_block_or_a_message_ending_inside_a_block_restarts_the_stream_keeping_the_window(DeflateImplementation engine, string first, string second)
    {
        // RFC 7692 7.2.3.4 (a final block), or a peer that kept the tail (against RFC 7692 7.2.1), then the
        // back-reference of RFC 7692 7.2.3.2.
        Engines.Require(engine);
        var (inflater, restarts) = Stream(engine, 15);
        using (inflater)
        {
            foreach (var message in new[] { first, second }.Select(Convert.FromHexString))
            {
                inflater.Begin();
                message.CopyTo(inflater.Add(message.Length));
                inflater.Finish();
                var destination = new byte[64];
                Assert.Equal(5, inflater.Read(destination));
                Assert.Equal("Hello"u8.ToArray(), destination[..5]);
                inflater.End();
            }

            Assert.Equal(1, restarts());
        }
    }

    [Fact]
    public void Restart_keeps_only_the_last_window_of_output()
    {
        // RFC 7692 7.1.2: after a restart a 9-bit stream sees exactly the last 512 bytes, as inflateSetDictionary leaves it.
        var noise = Inflating.Noise(2000, 5);
        using var inflater = new ZlibNgInflater(9);
        inflater.RestartWithWindow(noise);
        Span<byte> output = stackalloc byte[16];

        // A fixed Huffman block: length 3 at distance 512, then at distance 513 (RFC 1951 3.2.6).
        Assert.Equal(ZlibInflateStatus.Progress, inflater.Inflate(FixedBlockCopying(distance: 512), output, out _, out var written));
        Assert.Equal(noise.AsSpan(2000 - 512, 3).ToArray(), output[..written].ToArray());
        inflater.RestartWithWindow(noise);
        Assert.Equal(ZlibInflateStatus.DataError, inflater.Inflate(FixedBlockCopying(distance: 513), output, out _, out _));
        Assert.Equal(ZlibInflater.DistanceTooFarBackMessage, inflater.ErrorMessage);
    }

    private static (IInflateEngine Inflater, Func<int> Restarts) Stream(DeflateImplementation engine, int bits)
    {
        Engines.Require(engine);
        if (engine == DeflateImplementation.ZlibNg)
        {
            var ng = new ZlibNgMessageInflater(noContextTakeover: false, bits);
            return (ng, () => ng.Restarts);
        }

        var zlib = new ZlibMessageInflater(noContextTakeover: false, bits);
        return (zlib, () => zlib.Restarts);
    }

    /// <summary>
    /// One non-final fixed-Huffman block (RFC 1951 3.2.6) holding a single match of length 3 at <paramref name="distance"/>
    /// (257..1024: distance codes 16..19), then the end-of-block code.
    /// </summary>
    private static byte[] FixedBlockCopying(int distance)
    {
        var bits = new List<bool>();
        void Lsb(int value, int count)
        {
            for (var i = 0; i < count; i++)
            {
                bits.Add(((value >> i) & 1) == 1);
            }
        }

        void Msb(int code, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                bits.Add(((code >> i) & 1) == 1);
            }
        }

        Lsb(0, 1); // BFINAL 0
        Lsb(1, 2); // BTYPE 01, fixed codes
        Msb(0b0000001, 7); // literal/length 257: length 3, no extra bits
        int[] bases = [257, 385, 513, 769];
        var index = Array.FindLastIndex(bases, b => b <= distance);
        Msb(16 + index, 5); // distance code 16..19, 5 bits
        Lsb(distance - bases[index], index < 2 ? 7 : 8); // its extra bits: 7 for codes 16 and 17, 8 for 18 and 19
        Msb(0, 7); // end of block: 256
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            bytes[i / 8] |= (byte)(bits[i] ? 1 << (i % 8) : 0);
        }

        return bytes;
    }
}
