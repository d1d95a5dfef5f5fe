using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>The zlib engine's own bookkeeping: the window stays zlib's, carried over only when a message did not end as RFC 7692 7.2.1 says.</summary>
public sealed class ZlibMessageInflaterTests
{
    [Theory]
    [InlineData(9, 16)]
    [InlineData(15, 16)]
    [InlineData(15, 1)]
    public void Sync_flushed_messages_need_no_restart_of_the_stream(int bits, int extraRoom)
    {
        // RFC 7692 7.2.2: with the tail appended each message ends just before a block header; reading once more with
        // nothing left (as a connection probes) must not make it look otherwise.
        using var deflater = new MessageDeflater(bits, noContextTakeover: false);
        using var inflater = new ZlibMessageInflater(noContextTakeover: false, bits);
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

        Assert.Equal(0, inflater.Restarts);
    }

    [Fact]
    public void Final_block_restarts_the_stream_keeping_the_window()
    {
        // RFC 7692 7.2.3.4, then the back-reference of 7.2.3.2.
        using var inflater = new ZlibMessageInflater(noContextTakeover: false, 15);
        var messages = new[] { "F348CDC9C9070000", "F200110000" };
        foreach (var message in messages.Select(Convert.FromHexString))
        {
            inflater.Begin();
            message.CopyTo(inflater.Add(message.Length));
            inflater.Finish();
            Assert.Equal(5, inflater.Read(new byte[64]));
            inflater.End();
        }

        Assert.Equal(1, inflater.Restarts);
    }
}
