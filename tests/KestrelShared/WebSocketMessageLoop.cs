using System.Buffers;
using System.Net.WebSockets;

namespace Conformance.KestrelShared;

/// <summary>
/// The receive loop of the Kestrel test servers: whole messages to a handler, the peer's close answered with its own
/// code, a message over the limit refused with 1009 (RFC 6455 7.4.1), and a peer that breaks the protocol or goes away
/// ending the loop quietly (ASP.NET Core has already failed the connection).
/// </summary>
internal static class WebSocketMessageLoop
{
    /// <summary>
    /// Accepts the WebSocket (400 for any other request) and hands each complete message to <paramref name="onMessage"/>,
    /// which answers it and returns false to stop.
    /// </summary>
    public static async Task RunAsync(
        HttpContext context, WebSocketAcceptContext accept, int maxMessage, Func<WebSocket, ReadOnlyMemory<byte>, WebSocketMessageType, CancellationToken, Task<bool>> onMessage)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var token = context.RequestAborted;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
        var message = new ArrayBufferWriter<byte>();
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, token);
                    break;
                }

                if (message.WrittenCount + received.Count > maxMessage)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", token);
                    break;
                }

                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    var goOn = await onMessage(socket, message.WrittenMemory, received.MessageType, token);
                    message.ResetWrittenCount();
                    if (!goOn)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer broke the protocol or went away: ASP.NET Core already failed the connection.
        }
    }
}
