using Conformance.KestrelShared;

// Usage: Conformance.KestrelEchoServer [PORT]   (else WSCONFORM_PORT, else 0: any free port). Binds 127.0.0.1 only.
await LoopbackWebSocketHost.RunAsync(args, EchoServer.HandleAsync);

internal static class EchoServer
{
    /// <summary>Messages larger than this are refused with 1009 (RFC 6455 7.4.1).</summary>
    private const int MaxMessage = 16 * 1024 * 1024;

    /// <summary>Every message back with its kind, permessage-deflate accepted when offered.</summary>
    public static Task HandleAsync(HttpContext context) =>
        WebSocketMessageLoop.RunAsync(context, new WebSocketAcceptContext { DangerousEnableCompression = true }, MaxMessage, async (socket, message, kind, token) =>
        {
            await socket.SendAsync(message, kind, true, token);
            return true;
        });
}
