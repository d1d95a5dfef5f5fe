using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Protocol;

/// <summary>RFC 6455 5.5.1 and section 7: the close handshake and close codes.</summary>
public class CloseHandshakeTests
{
    [Fact]
    public void Close_is_answered_with_a_close_echoing_the_status_code()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000, "bye")));
        var close = Assert.IsType<CloseReceived>(Assert.Single(events));
        Assert.Equal((ushort)1000, close.Code);
        Assert.Equal("bye", close.Reason);
        Assert.Equal((ushort)1000, d.WrittenCloseCode());
        Assert.Equal(ConnectionState.Closed, d.Connection.State);
    }

    [Fact]
    public void Close_without_payload_is_answered_with_a_close_without_code()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame(Opcode.Close, []));
        Assert.Null(Assert.IsType<CloseReceived>(Assert.Single(events)).Code);
        var reply = Assert.Single(d.Written);
        Assert.Equal(Opcode.Close, reply.Header.Opcode);
        Assert.Equal(0, reply.Payload.Length);
    }

    [Fact]
    public void Server_closes_the_transport_after_the_close_handshake()
    {
        var d = new ConnectionDriver(Role.Server);
        Assert.False(d.Connection.ShouldCloseTransport);
        d.Feed(d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000)));
        Assert.True(d.Connection.ShouldCloseTransport);
    }

    [Fact]
    public void Client_waits_for_the_server_to_close_the_transport_after_its_own_close()
    {
        var d = new ConnectionDriver(Role.Client);
        d.Connection.SendClose(1000);
        Assert.Equal(ConnectionState.CloseSent, d.Connection.State);
        d.Feed(d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000)));
        Assert.Equal(ConnectionState.Closed, d.Connection.State);
        Assert.False(d.Connection.ShouldCloseTransport);
        Assert.Single(d.Written);
    }

    [Fact]
    public void Close_with_one_byte_payload_fails_with_1002()
    {
        var d = new ConnectionDriver();
        var failed = Assert.IsType<ConnectionFailed>(Assert.Single(d.Feed(d.PeerFrame(Opcode.Close, [0x61]))));
        Assert.Equal(ProtocolRule.CloseFrameWithOneBytePayload, failed.Violation.Rule);
        Assert.Equal((ushort)1002, d.WrittenCloseCode());
    }

    [Fact]
    public void Close_reason_that_is_not_utf8_fails_with_1007()
    {
        var d = new ConnectionDriver();
        byte[] payload = [0x03, 0xE8, .. Convert.FromHexString("cebae1bdb9cf83cebcceb5eda080656469746564")];
        var failed = Assert.IsType<ConnectionFailed>(Assert.Single(d.Feed(d.PeerFrame(Opcode.Close, payload))));
        Assert.Equal(ProtocolRule.InvalidUtf8InCloseReason, failed.Violation.Rule);
        Assert.Equal((ushort)1007, d.WrittenCloseCode());
    }

    // RFC 6455 7.4.1, 7.4.2 and the IANA registry: 1012-1014 are registered; 3000-4999 are open for use.
    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1008)]
    [InlineData(1009)]
    [InlineData(1010)]
    [InlineData(1011)]
    [InlineData(1012)]
    [InlineData(1013)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(3999)]
    [InlineData(4000)]
    [InlineData(4999)]
    public void Valid_close_codes_are_accepted_and_echoed(int code)
    {
        var d = new ConnectionDriver();
        var close = Assert.IsType<CloseReceived>(Assert.Single(d.Feed(d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload((ushort)code)))));
        Assert.Equal((ushort)code, close.Code);
        Assert.Equal((ushort)code, d.WrittenCloseCode());
    }

    // RFC 6455 7.4.1: 1004 reserved; 1005, 1006, 1015 never on the wire; 7.4.2: 0-999 unused, 1016-2999 unassigned, >= 5000 undefined.
    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(1100)]
    [InlineData(2000)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void Invalid_close_codes_fail_with_1002(int code)
    {
        var d = new ConnectionDriver();
        var failed = Assert.IsType<ConnectionFailed>(Assert.Single(d.Feed(d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload((ushort)code)))));
        Assert.Equal(ProtocolRule.InvalidCloseCode, failed.Violation.Rule);
        Assert.Equal((ushort)1002, d.WrittenCloseCode());
    }

    [Theory]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(2999)]
    public void Codes_that_must_never_be_on_the_wire_cannot_be_sent(int code)
    {
        var d = new ConnectionDriver();
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Connection.SendClose((ushort)code));
    }

    [Fact]
    public void Close_reason_longer_than_123_bytes_cannot_be_sent()
    {
        var d = new ConnectionDriver();
        Assert.Throws<ArgumentException>(() => d.Connection.SendClose(1000, new string('r', 124)));
        d.Connection.SendClose(1000, new string('r', 123));
        Assert.Equal(125, Assert.Single(d.Written).Payload.Length);
    }

    [Fact]
    public void Data_and_pings_after_a_close_are_ignored()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(
            d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000)),
            d.PeerFrame(Opcode.Ping, "p"),
            d.PeerFrame(Opcode.Text, "Hello World!"),
            d.PeerFrame(Opcode.Close, []));
        Assert.IsType<CloseReceived>(Assert.Single(events));
        Assert.Equal(Opcode.Close, Assert.Single(d.Written).Header.Opcode);
    }

    [Fact]
    public void A_close_between_fragments_ends_the_message_without_delivery()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(
            d.PeerFrame(Opcode.Text, "fragment1", fin: false),
            d.PeerFrame(Opcode.Close, ConnectionDriver.ClosePayload(1000)),
            d.PeerFrame(Opcode.Continuation, "fragment2"));
        Assert.IsType<CloseReceived>(Assert.Single(events));
    }

    [Fact]
    public void No_data_frame_can_be_sent_after_a_close()
    {
        var d = new ConnectionDriver();
        d.Connection.SendClose(1000);
        Assert.Throws<InvalidOperationException>(() => d.Connection.SendText("late"));
        Assert.Throws<InvalidOperationException>(() => d.Connection.SendClose(1000));
    }

    [Fact]
    public void Transport_ending_before_the_close_handshake_is_an_abnormal_closure()
    {
        var d = new ConnectionDriver();
        d.Connection.ReceiveEof();
        Assert.IsType<TransportClosedAbnormally>(Assert.Single(d.TakeEvents()));
        Assert.Empty(d.Written);
    }

    [Fact]
    public void After_a_failure_no_further_input_is_processed()
    {
        var d = new ConnectionDriver();
        var events = d.Feed(d.PeerFrame((Opcode)3, []), d.PeerFrame(Opcode.Ping, "p"));
        Assert.IsType<ConnectionFailed>(Assert.Single(events));
        Assert.Single(d.Written);
    }
}
