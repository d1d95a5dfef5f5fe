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

    public static Task HandleAsync(HttpContext context)
    {
        var session = new KvSession();
        return WebSocketMessageLoop.RunAsync(context, new WebSocketAcceptContext(), MaxMessage, async (socket, message, kind, token) =>
        {
            var text = Encoding.UTF8.GetString(message.Span);
            var reply = kind == WebSocketMessageType.Binary ? session.ExecutePipeline(text) : session.Execute(text);
            await socket.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, token);
            if (session.Quit)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", token);
                return false;
            }

            return true;
        });
    }
}
