using System.Text;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>What a connection with permessage-deflate writes (RFC 7692 6, 7.2.1), compared with the RFC's bytes.</summary>
public sealed class DeflateSendTests
{
    [Fact]
    public void Server_sends_hello_as_the_frame_of_RFC_7692_7_2_3_1()
    {
        var driver = Server(new());
        driver.Connection.SendText("Hello");

        Assert.Equal("C107F248CDC9C90700", Convert.ToHexString(driver.Connection.PendingOutput.Span));
    }

    [Fact]
    public void Server_sends_the_second_hello_as_the_frame_of_RFC_7692_7_2_3_2()
    {
        // RFC 7692 7.2.3.2: context takeover makes the second "Hello" a back-reference.
        var driver = Server(new());
        driver.Connection.SendText("Hello");
        driver.Connection.AcknowledgeOutput(driver.Connection.PendingOutput.Length);
        driver.Connection.SendText("Hello");

        Assert.Equal("C105F200110000", Convert.ToHexString(driver.Connection.PendingOutput.Span));
    }

    [Fact]
    public void Server_no_context_takeover_is_honoured()
    {
        // RFC 7692 7.1.1.1: with server_no_context_takeover the server compresses every message alone.
        var driver = Server(new() { ServerNoContextTakeover = true });
        driver.Connection.SendText("Hello");
        driver.Connection.SendText("Hello");

        Assert.Equal(["F248CDC9C90700", "F248CDC9C90700"], Payloads(driver));
    }

    [Fact]
    public void Client_no_context_takeover_is_honoured_by_the_client_only()
    {
        // RFC 7692 7.1.1.2: client_no_context_takeover binds the client's compressor, server_no_context_takeover the server's.
        var resetting = Client(new() { ClientNoContextTakeover = true });
        resetting.Connection.SendText("Hello");
        resetting.Connection.SendText("Hello");
        var keeping = Client(new() { ServerNoContextTakeover = true });
        keeping.Connection.SendText("Hello");
        keeping.Connection.SendText("Hello");

        Assert.Equal(["F248CDC9C90700", "F248CDC9C90700"], Payloads(resetting));
        Assert.Equal(["F248CDC9C90700", "F200110000"], Payloads(keeping));
        Assert.All(resetting.Written, frame => Assert.True(frame.Header.Masked));
    }

    [Fact]
    public void Empty_message_is_sent_as_the_frame_of_RFC_7692_7_2_3_6()
    {
        var driver = Server(new());
        driver.Connection.SendText(string.Empty);

        Assert.Equal("C10100", Convert.ToHexString(driver.Connection.PendingOutput.Span));
    }

    [Fact]
    public void Rsv1_is_set_on_the_first_fragment_only()
    {
        // RFC 7692 6: the Per-Message Compressed bit goes on the first frame of a message, never on continuations.
        var driver = Server(new());
        driver.Connection.SendFragment(MessageKind.Text, "frag-1 "u8, endOfMessage: false);
        driver.Connection.SendFragment(MessageKind.Text, "frag-2 "u8, endOfMessage: false);
        driver.Connection.SendFragment(MessageKind.Text, "frag-3"u8, endOfMessage: true);

        var frames = driver.Written;
        Assert.Equal([true, false, false], frames.Select(f => f.Header.Rsv1));
        Assert.Equal([Opcode.Text, Opcode.Continuation, Opcode.Continuation], frames.Select(f => f.Header.Opcode));
        byte[] data = [.. frames.SelectMany(f => f.Payload.ToArray()), .. PerMessageDeflate.Trailer];
        Assert.Equal("frag-1 frag-2 frag-3", Encoding.UTF8.GetString(new DeflateInspector().Decode(data)));
    }

    [Fact]
    public void Control_frames_never_carry_rsv1()
    {
        // RFC 7692 6: control frames are never compressed.
        var driver = Server(new());
        driver.Connection.SendPing("ping"u8);
        driver.Connection.SendPong("pong"u8);
        driver.Feed(driver.PeerFrame(Opcode.Ping, "auto"u8));
        driver.Connection.SendClose(CloseCode.NormalClosure, "bye");

        var frames = driver.Written;
        Assert.Equal([Opcode.Ping, Opcode.Pong, Opcode.Pong, Opcode.Close], frames.Select(f => f.Header.Opcode));
        Assert.All(frames, frame => Assert.False(frame.Header.Rsv1));
        Assert.Equal("auto"u8.ToArray(), frames[2].Payload.ToArray());
    }

    [Fact]
    public void A_message_may_be_sent_uncompressed()
    {
        // RFC 7692 6: RSV1 clear sends a message as it is, even with permessage-deflate in use.
        var driver = Server(new());
        driver.Connection.SendMessage(MessageKind.Binary, [1, 2, 3], compress: false);

        var frame = Assert.Single(driver.Written);
        Assert.False(frame.Header.Rsv1);
        Assert.Equal([1, 2, 3], frame.Payload.ToArray());
    }

    [Fact]
    public void Without_permessage_deflate_nothing_is_compressed()
    {
        var driver = new ConnectionDriver(Role.Server);
        driver.Connection.SendText("Hello");

        Assert.Equal("8105" + Convert.ToHexString("Hello"u8), Convert.ToHexString(driver.Connection.PendingOutput.Span));
        Assert.Null(driver.Connection.PerMessageDeflate);
    }

    [Fact]
    public void Agreed_server_window_bounds_what_the_server_sends()
    {
        // RFC 7692 7.1.2.1: server_max_window_bits=9 limits the server's back-references to 512 bytes.
        var driver = Server(new() { ServerMaxWindowBits = 9 });
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => $"line {i % 37}: the quick brown fox; "));
        driver.Connection.SendText(text);

        var inspector = new DeflateInspector();
        Assert.Equal(text, Encoding.UTF8.GetString(inspector.Decode([.. Assert.Single(driver.Written).Payload.ToArray(), .. PerMessageDeflate.Trailer])));
        Assert.InRange(inspector.MaxDistance, 1, 512);
    }

    private static ConnectionDriver Server(PerMessageDeflateParameters agreed) => new(Role.Server, new ConnectionOptions { PerMessageDeflate = agreed });

    private static ConnectionDriver Client(PerMessageDeflateParameters agreed) => new(Role.Client, new ConnectionOptions { PerMessageDeflate = agreed });

    private static List<string> Payloads(ConnectionDriver driver) => [.. driver.Written.Select(f => Convert.ToHexString(f.Payload.Span))];
}
