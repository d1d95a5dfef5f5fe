using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Protocol;

/// <summary>How a caller feeds bytes: the core stops after each event, so the caller's replies keep the wire's order.</summary>
public class ReceiveContractTests
{
    [Fact]
    public void Receive_stops_after_each_event_so_an_echo_precedes_the_close_reply()
    {
        var d = new ConnectionDriver();
        var text = d.PeerFrame(Opcode.Text, "Hello");
        byte[] wire = [.. text, .. d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000))];

        var used = d.Connection.ReceiveData(wire);
        Assert.Equal(text.Length, used);
        var message = Assert.IsType<MessageReceived>(Assert.Single(d.TakeEvents()));
        d.Connection.SendMessage(message.Kind, message.Payload);

        Assert.Equal(wire.Length - used, d.Connection.ReceiveData(wire.AsSpan(used)));
        Assert.IsType<CloseReceived>(Assert.Single(d.TakeEvents()));
        Assert.Equal([Opcode.Text, Opcode.Close], d.Written.Select(f => f.Header.Opcode));
    }

    [Fact]
    public void Echo_of_a_message_precedes_the_close_for_a_violation_that_followed_it()
    {
        var d = new ConnectionDriver();
        byte[] wire = [.. d.PeerFrame(Opcode.Text, "valid"), .. d.PeerFrame((Opcode)0x3, [])];
        var rest = wire.AsSpan();
        while (!rest.IsEmpty)
        {
            rest = rest[d.Connection.ReceiveData(rest)..];
            foreach (var e in d.TakeEvents().OfType<MessageReceived>())
            {
                d.Connection.SendMessage(e.Kind, e.Payload);
            }
        }

        Assert.Equal([Opcode.Text, Opcode.Close], d.Written.Select(f => f.Header.Opcode));
        Assert.Equal((ushort)1002, d.WrittenCloseCode());
    }

    [Fact]
    public void Bytes_after_a_close_frame_are_consumed_and_ignored()
    {
        var d = new ConnectionDriver();
        byte[] wire = [.. d.PeerFrame(Opcode.Close, []), .. d.PeerFrame(Opcode.Text, "late"), 0xFF, 0xFF];
        Assert.Equal(wire.Length, d.Connection.ReceiveData(wire));
        Assert.Equal(wire.Length, d.Connection.ReceiveData(wire));
        Assert.IsType<CloseReceived>(Assert.Single(d.TakeEvents()));
    }

    [Fact]
    public void Partial_frame_is_consumed_whole_and_completed_by_the_next_read()
    {
        var d = new ConnectionDriver();
        var frame = d.PeerFrame(Opcode.Binary, new byte[300]);
        Assert.Equal(5, d.Connection.ReceiveData(frame.AsSpan(0, 5)));
        Assert.Empty(d.TakeEvents());
        Assert.Equal(frame.Length - 5, d.Connection.ReceiveData(frame.AsSpan(5)));
        Assert.Equal(300, Assert.IsType<MessageReceived>(Assert.Single(d.TakeEvents())).Payload.Length);
    }

    [Fact]
    public void Frame_limit_defaults_to_the_message_limit()
    {
        var options = new ConnectionOptions { MaxMessageSize = 100 * 1024 * 1024 };
        Assert.Equal(100 * 1024 * 1024, options.EffectiveMaxFrameSize);
        var d = new ConnectionDriver(Role.Server, options);
        var header = new FrameHeader { Fin = true, Opcode = Opcode.Binary, Masked = true, MaskKey = 1, PayloadLength = 80UL * 1024 * 1024 };
        var bytes = new byte[14];
        var size = FrameWriter.WriteHeader(header, bytes);
        d.Connection.ReceiveData(bytes.AsSpan(0, size));
        Assert.Empty(d.TakeEvents());
        Assert.Equal(ConnectionState.Open, d.Connection.State);
    }

    [Fact]
    public void No_close_frame_can_be_sent_once_the_transport_ended()
    {
        var d = new ConnectionDriver();
        d.Connection.ReceiveEof();
        Assert.Throws<InvalidOperationException>(() => d.Connection.SendClose(1000));
        Assert.Equal(ConnectionState.Closed, d.Connection.State);
    }

    [Fact]
    public void Large_output_is_written_whole_and_then_released()
    {
        var d = new ConnectionDriver();
        d.Connection.SendBinary(new byte[4 * 1024 * 1024]);
        Assert.Equal(4 * 1024 * 1024, Assert.Single(d.Written).Payload.Length);
        Assert.True(d.Connection.PendingOutput.IsEmpty);
        d.Connection.SendText("after");
        Assert.Equal("after"u8.ToArray(), d.Written[^1].Payload.ToArray());
    }

    [Fact]
    public void Message_of_many_small_fragments_is_assembled_with_memory_linear_in_its_size()
    {
        var d = new ConnectionDriver();
        const int size = 4 * 1024 * 1024;
        var fragment = new byte[64];
        var frames = new List<byte[]>();
        for (var offset = 0; offset < size; offset += fragment.Length)
        {
            frames.Add(d.PeerFrame(offset == 0 ? Opcode.Binary : Opcode.Continuation, fragment, fin: offset + fragment.Length == size));
        }

        var stream = frames.SelectMany(f => f).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var events = d.Feed(stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(size, Assert.IsType<MessageReceived>(Assert.Single(events)).Payload.Length);
        // Geometric growth: a few times the message, never one copy of the message per fragment.
        Assert.True(allocated < 6L * size, $"allocated {allocated} bytes for a {size}-byte message");
    }
}
