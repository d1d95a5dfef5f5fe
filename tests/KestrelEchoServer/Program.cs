using System.Buffers;
using System.Net.WebSockets;
using Conformance.KestrelShared;

// Usage: Conformance.KestrelEchoServer [PORT]   (else WSCONFORM_PORT, else 0: any free port). Binds 127.0.0.1 only.
await LoopbackWebSocketHost.RunAsync(args, EchoServer.HandleAsync);

internal static class EchoServer
{
    /// <summary>Messages larger than this are refused with 1009 (RFC 6455 7.4.1).</summary>
    private const int MaxMessage = 16 * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = true });
        var message = new ArrayBufferWriter<byte>();
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, context.RequestAborted);
                    break;
                }

                if (message.WrittenCount + received.Count > MaxMessage)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", context.RequestAborted);
                    break;
                }

                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    await socket.SendAsync(message.WrittenMemory, received.MessageType, true, context.RequestAborted);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer broke the protocol or went away: ASP.NET Core already failed the connection.
        }
    }
}
