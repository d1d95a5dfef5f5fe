using Conformance.ReferenceImpl.Handshake;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Handshake;

public class HandshakeRoundTripTests
{
    [Fact]
    public void Reference_client_and_server_complete_a_handshake()
    {
        var client = ClientHandshake.Create(new ClientHandshakeOptions
        {
            Host = "127.0.0.1:9001",
            Path = "/echo",
            Subprotocols = ["wamp", "chat"],
            Extensions = "permessage-deflate",
        });
        var server = Assert.IsType<ServerHandshakeResult.Accepted>(ServerHandshake.Evaluate(
            client.RequestBytes.Span,
            new ServerHandshakeOptions { SupportedSubprotocols = ["chat"], ServerHeader = "wsconform/0.1" }));

        var result = Assert.IsType<ClientHandshakeResult.Accepted>(client.Validate(server.ResponseBytes.Span));
        Assert.Equal("chat", result.Subprotocol);
        Assert.Empty(result.Extensions);
        Assert.Equal("/echo", server.Request.Target);
    }

    [Fact]
    public void Reference_client_fails_the_reference_servers_rejection()
    {
        var client = ClientHandshake.Create(new ClientHandshakeOptions { Host = "h" });
        var request = System.Text.Encoding.ASCII.GetString(client.RequestBytes.Span).Replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", StringComparison.Ordinal);
        var server = Assert.IsType<ServerHandshakeResult.Rejected>(ServerHandshake.Evaluate(System.Text.Encoding.ASCII.GetBytes(request), new ServerHandshakeOptions()));

        var failed = Assert.IsType<ClientHandshakeResult.Failed>(client.Validate(server.ResponseBytes.Span));
        Assert.Equal(426, failed.StatusCode);
        Assert.Equal("13", failed.Response?.Headers.GetCombined("Sec-WebSocket-Version"));
    }
}
