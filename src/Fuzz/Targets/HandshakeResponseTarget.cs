using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The client side of the opening handshake: the response parser and <see cref="ClientHandshake.Validate"/>, which
/// promises never to throw for anything a server sends. The nonce is fixed, so seeds can carry the right
/// Sec-WebSocket-Accept (<see cref="ExpectedAccept"/>).
/// </summary>
public static class HandshakeResponseTarget
{
    /// <summary>The client's fixed nonce (16 bytes, as RFC 6455 4.1 asks).</summary>
    public static ReadOnlySpan<byte> Nonce => "wsconform-fuzz!!"u8;

    internal static ClientHandshakeOptions Options { get; } = new()
    {
        Host = "example.com",
        Path = "/chat",
        Subprotocols = ["chat", "superchat"],
        Extensions = "permessage-deflate; client_max_window_bits",
    };

    /// <summary>The Sec-WebSocket-Accept the fixed nonce expects.</summary>
    public static string ExpectedAccept => new ClientHandshake(Options, Nonce).ExpectedAccept;

    public static void Run(ReadOnlySpan<byte> data)
    {
        var handshake = new ClientHandshake(Options, Nonce);
        if (handshake.Validate(data) is ClientHandshakeResult.Accepted accepted)
        {
            FuzzInvariantException.Check(accepted.Response.StatusCode == 101, $"accepted a {accepted.Response.StatusCode} response");
        }

        try
        {
            _ = HandshakeResponseParser.Parse(data, HandshakeLimits.Default);
        }
        catch (HandshakeException)
        {
            // The parser's own error for malformed heads.
        }
    }
}
