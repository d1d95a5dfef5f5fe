using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Receiving;

public sealed class MessageConsumerTests
{
    private sealed class CountingConsumer : IMessageConsumer
    {
        public List<int> Lengths { get; } = [];

        private int _length;

        public void Begin(MessageKind kind, bool compressed) => _length = 0;

        public void Append(ReadOnlySpan<byte> data, ulong expectedMore) => _length += data.Length;

        public byte[] End()
        {
            Lengths.Add(_length);
            return [];
        }

        public void Abandon()
        {
        }
    }

    [Fact]
    public void Consuming_sink_gets_every_message_and_no_message_event_is_queued_while_pings_still_are()
    {
        var consumer = new CountingConsumer();
        var client = new WebSocketConnection(new ConnectionOptions { Role = Role.Client, MessageSink = () => consumer });
        var stream = new List<byte>();
        stream.AddRange(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = 3 }, [1, 2, 3]));
        stream.AddRange(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Ping, PayloadLength = 1 }, [9]));
        stream.AddRange(FrameWriter.ToBytes(new FrameHeader { Fin = false, Opcode = Opcode.Text, PayloadLength = 2 }, "ab"u8));
        stream.AddRange(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Continuation, PayloadLength = 1 }, "c"u8));

        client.ReceiveAll(stream.ToArray());

        Assert.Equal([3, 3], consumer.Lengths);
        var events = new List<ConnectionEvent>();
        while (client.TryDequeueEvent(out var connectionEvent))
        {
            events.Add(connectionEvent!);
        }

        Assert.IsType<PingReceived>(Assert.Single(events));
    }

    [Fact]
    public void Consumed_message_ends_the_step_so_replies_keep_wire_order()
    {
        // As with events: a caller answers a message before the core reacts to the next frame (a close, say).
        var consumer = new CountingConsumer();
        var server = new WebSocketConnection(new ConnectionOptions { Role = Role.Server, MessageSink = () => consumer });
        var message = FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, Masked = true, MaskKey = 7, PayloadLength = 2 }, [1, 2]);
        var close = FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Close, Masked = true, MaskKey = 7, PayloadLength = 2 }, [0x03, 0xE8]);

        var used = server.ReceiveData([.. message, .. close]);

        Assert.Equal(message.Length, used);
        Assert.Equal([2], consumer.Lengths);
        Assert.False(server.CloseReceivedFromPeer);
    }

    [Fact]
    public void Consuming_sink_does_not_hide_a_breach_in_a_message()
    {
        // RFC 6455 8.1: invalid UTF-8 in a text message fails the connection whatever the sink does with the bytes.
        var consumer = new CountingConsumer();
        var client = new WebSocketConnection(new ConnectionOptions { Role = Role.Client, MessageSink = () => consumer });

        client.ReceiveAll(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Text, PayloadLength = 2 }, [0xC3, 0x28]));

        Assert.True(client.TryDequeueEvent(out var connectionEvent));
        Assert.IsType<ConnectionFailed>(connectionEvent);
        Assert.Empty(consumer.Lengths);
    }

    [Fact]
    public void Kept_message_is_lent_whole_across_fragments_until_released()
    {
        var kept = new KeptMessageConsumer(ConnectionOptions.DefaultMaxMessageSize);
        var server = new WebSocketConnection(new ConnectionOptions { Role = Role.Server, MessageSink = () => kept });
        var first = FrameWriter.ToBytes(new FrameHeader { Fin = false, Opcode = Opcode.Text, Masked = true, MaskKey = 3, PayloadLength = 3 }, "hel"u8);
        var last = FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Continuation, Masked = true, MaskKey = 5, PayloadLength = 2 }, "lo"u8);

        server.ReceiveAll([.. first, .. last]);

        Assert.True(kept.HasMessage);
        Assert.Equal(MessageKind.Text, kept.Kind);
        Assert.Equal("hello"u8.ToArray(), kept.Message.ToArray());
        Assert.False(server.TryDequeueEvent(out _));
        kept.Release();
        Assert.False(kept.HasMessage);
        Assert.True(kept.Message.IsEmpty);
    }
}
