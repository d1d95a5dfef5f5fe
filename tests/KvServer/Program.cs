using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Conformance.KestrelShared;
using Conformance.KvServer.Kv;

// Usage: Conformance.KvServer [PORT]   (else WSCONFORM_PORT, else 0: any free port). Binds 127.0.0.1 only.
await LoopbackWebSocketHost.RunAsync(args, KvEndpoint.HandleAsync);

/// <summary>
/// One connection: each text message is a command, answered with one text message; a binary message is a pipeline of
/// commands, one per line, answered line by line. QUIT closes with 1000.
/// </summary>
internal static class KvEndpoint
{
    private const int MaxMessage = 64 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new KvSession();
        var message = new ArrayBufferWriter<byte>();
        var buffer = new byte[16 * 1024];
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
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "command too long", context.RequestAborted);
                    break;
                }

                message.Write(buffer.AsSpan(0, received.Count));
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.WrittenSpan);
                message.ResetWrittenCount();
                var reply = received.MessageType == WebSocketMessageType.Binary ? session.ExecutePipeline(text) : session.Execute(text);
                await socket.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, context.RequestAborted);
                if (session.Quit)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer broke the protocol or went away: ASP.NET Core already failed the connection.
        }
    }
}
