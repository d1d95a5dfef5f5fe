using System.Text;
using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HttpHeadReaderTests
{
    [Fact]
    public void Request_split_across_reads_needs_more_data_until_the_empty_line()
    {
        var request = RequestHead.Valid().Bytes();
        var received = new List<byte>();
        var chunks = new[] { 1, 5, 17, 40, 3 };
        var offset = 0;
        var reads = 0;
        foreach (var size in chunks.Concat(Enumerable.Repeat(7, 100)))
        {
            var take = Math.Min(size, request.Length - offset);
            received.AddRange(request.AsSpan(offset, take).ToArray());
            offset += take;
            reads++;
            var status = HttpHeadReader.TryFindEnd(received.ToArray(), HandshakeLimits.Default, out var headLength);
            if (offset < request.Length)
            {
                Assert.Equal(HeadReadStatus.NeedMoreData, status);
                Assert.Equal(0, headLength);
            }
            else
            {
                Assert.Equal(HeadReadStatus.Complete, status);
                Assert.Equal(request.Length, headLength);
                break;
            }
        }

        Assert.True(reads > 5);
    }

    [Fact]
    public void Request_fed_one_byte_at_a_time_completes_only_at_its_last_byte()
    {
        var request = RequestHead.Valid().Bytes();
        for (var length = 0; length < request.Length; length++)
        {
            Assert.Equal(HeadReadStatus.NeedMoreData, HttpHeadReader.TryFindEnd(request.AsSpan(0, length), HandshakeLimits.Default, out _));
        }

        Assert.Equal(HeadReadStatus.Complete, HttpHeadReader.TryFindEnd(request, HandshakeLimits.Default, out var headLength));
        Assert.Equal(request.Length, headLength);
    }

    [Fact]
    public void Bytes_after_the_head_are_not_part_of_it()
    {
        var request = RequestHead.Valid().Bytes();
        byte[] frame = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        var buffer = request.Concat(frame).ToArray();

        Assert.Equal(HeadReadStatus.Complete, HttpHeadReader.TryFindEnd(buffer, HandshakeLimits.Default, out var headLength));
        Assert.Equal(request.Length, headLength);
    }

    [Fact]
    public void Bare_lf_lf_does_not_end_a_head()
    {
        // RFC 7230 3: lines end in CRLF; this reader is lenient about nothing.
        var head = Encoding.ASCII.GetBytes("GET / HTTP/1.1\nHost: a\n\n");
        Assert.Equal(HeadReadStatus.NeedMoreData, HttpHeadReader.TryFindEnd(head, HandshakeLimits.Default, out _));
    }

    [Fact]
    public void Head_larger_than_limit_is_too_large()
    {
        var limits = new HandshakeLimits { MaxHeadBytes = 64 };
        var noEnd = new byte[64];
        noEnd.AsSpan().Fill((byte)'a');
        Assert.Equal(HeadReadStatus.TooLarge, HttpHeadReader.TryFindEnd(noEnd, limits, out _));
        Assert.Equal(HeadReadStatus.NeedMoreData, HttpHeadReader.TryFindEnd(noEnd.AsSpan(0, 63), limits, out _));
    }

    [Fact]
    public void Head_ending_exactly_at_limit_is_complete_and_one_byte_more_is_too_large()
    {
        var head = RequestHead.Valid().Bytes();
        Assert.Equal(HeadReadStatus.Complete, HttpHeadReader.TryFindEnd(head, new HandshakeLimits { MaxHeadBytes = head.Length }, out var headLength));
        Assert.Equal(head.Length, headLength);
        Assert.Equal(HeadReadStatus.TooLarge, HttpHeadReader.TryFindEnd(head, new HandshakeLimits { MaxHeadBytes = head.Length - 1 }, out _));
    }
}
