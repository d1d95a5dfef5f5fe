using Conformance.Harness.Running;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Serving;

/// <summary>
/// A control endpoint's answer, as Autobahn's fuzzingserver gives it: accept the WebSocket, send at most one text message
/// (the case count, a case's info or status as JSON), and close with 1000. Or, for a path that is not an endpoint, 404.
/// </summary>
internal static class ControlChannel
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    public static async Task AnswerAsync(TargetConnection connection, byte[] head, string? text, string serverHeader, CancellationToken cancellationToken)
    {
        var result = ServerHandshake.Evaluate(head, new ServerHandshakeOptions { ServerHeader = serverHeader });
        await connection.Stream.WriteAsync(result.ResponseBytes, cancellationToken);
        if (result is not ServerHandshakeResult.Accepted)
        {
            return;
        }

        if (text is not null)
        {
            await WriteAsync(connection, Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        // RFC 6455 5.5.1 / 7.1.1: close with 1000, wait (briefly) for the client's close, then the server closes TCP.
        await WriteAsync(connection, Opcode.Close, [0x03, 0xE8], cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(CloseWait);
        var buffer = new byte[4096];
        try
        {
            while (await connection.Stream.ReadAsync(buffer, wait.Token) > 0 && !SawClose(buffer))
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            // The client went, or took too long: the server closes either way.
        }
    }

    /// <summary>Answers a request for a path that is no endpoint (and a redirect target a client followed): 404.</summary>
    public static async Task NotFoundAsync(TargetConnection connection, string target, CancellationToken cancellationToken)
    {
        var body = $"wsconform serve-cases: {target} is not an endpoint; use /getCaseCount, /runCase?case=N&agent=A, /updateReports?agent=A\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await connection.Stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(head), cancellationToken);
        await connection.Stream.WriteAsync(bytes, cancellationToken);
    }

    private static async Task WriteAsync(TargetConnection connection, Opcode opcode, byte[] payload, CancellationToken cancellationToken)
    {
        var header = new FrameHeader { Fin = true, Opcode = opcode, PayloadLength = (ulong)payload.Length };
        await connection.Stream.WriteAsync(FrameWriter.ToBytes(header, payload), cancellationToken);
    }

    // A close frame from a client starts 0x88 (FIN, close) in the first byte the client sends after the server's close.
    private static bool SawClose(byte[] buffer) => (buffer[0] & 0x0F) == (int)Opcode.Close;
}
