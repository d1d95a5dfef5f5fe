using System.Text;
using Conformance.Fuzz.Network;

namespace Conformance.Fuzz.Tests.Network;

public sealed class NetworkInputTests
{
    private static readonly WireFrame Text = new() { Opcode = 1, Fin = false, Payload = "abcdef"u8.ToArray() };
    private static readonly WireFrame Ping = new() { Opcode = 9, Payload = "p"u8.ToArray() };
    private static readonly WireFrame Last = new() { Opcode = 0, Payload = "gh"u8.ToArray() };

    [Fact]
    public void Cuts_split_the_frames_into_writes_at_the_bytes_they_name()
    {
        var input = new NetworkInput { Frames = [Text, Ping, Last], Cuts = [new WireCut(1, 0), new WireCut(1, 2)] };
        var writes = input.Writes();
        Assert.Equal(3, writes.Count);
        Assert.Equal(Text.ToBytes(), writes[0]);
        Assert.Equal(Ping.ToBytes()[..2], writes[1]);
        Assert.Equal([.. Ping.ToBytes()[2..], .. Last.ToBytes()], writes[2]);
    }

    [Fact]
    public void Cuts_outside_the_frames_are_ignored_and_writes_are_capped()
    {
        var many = Enumerable.Range(1, 500).Select(i => new WireCut(0, i)).Append(new WireCut(9, 0)).Append(new WireCut(0, 0)).ToList();
        var input = new NetworkInput { Frames = [new WireFrame { Opcode = 2, Payload = new byte[1000] }], Cuts = many };
        var writes = input.Writes();
        Assert.Equal(NetworkInput.MaxWrites, writes.Count);
        Assert.Equal(input.FrameBytes(), writes.SelectMany(w => w).ToArray());
    }

    [Fact]
    public void Keeping_some_frames_moves_their_cuts_with_them()
    {
        var input = new NetworkInput { Frames = [Text, Ping, Last], Cuts = [new WireCut(0, 3), new WireCut(2, 1)] };
        var kept = input.KeepFrames([0, 2]);
        Assert.Equal([Text, Last], kept.Frames);
        Assert.Equal([new WireCut(0, 3), new WireCut(1, 1)], kept.Cuts);
    }

    [Fact]
    public void Wire_bytes_read_back_as_the_head_and_the_frames()
    {
        var input = new NetworkInput { Head = ["GET /x HTTP/1.1", "Host: {host}"], Frames = [Text, Ping, Last] };
        var back = NetworkInput.FromWireBytes(input.ToWireBytes());
        Assert.Equal(input.Head, back.Head);
        Assert.Equal(input.FrameBytes(), back.FrameBytes());
        Assert.Equal(3, back.Frames.Count);
    }

    [Fact]
    public void Bytes_that_are_no_request_become_frames_after_the_default_head_and_the_rest_raw()
    {
        byte[] bytes = [.. Ping.ToBytes(), 0x81, 0xfe];
        var input = NetworkInput.FromWireBytes(bytes);
        Assert.Equal(NetworkInput.DefaultHead, input.Head);
        Assert.Equal(2, input.Frames.Count);
        Assert.Equal(new byte[] { 0x81, 0xfe }, input.Frames[1].Raw);
    }

    [Fact]
    public void The_head_ends_with_an_empty_line()
    {
        Assert.EndsWith("Sec-WebSocket-Version: 13\r\n\r\n", new NetworkInput().HeadText, StringComparison.Ordinal);
        Assert.StartsWith("GET / HTTP/1.1\r\n", Encoding.Latin1.GetString(new NetworkInput().ToWireBytes()), StringComparison.Ordinal);
    }
}
