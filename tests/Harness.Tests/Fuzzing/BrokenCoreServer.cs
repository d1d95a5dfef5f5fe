using System.Net.Sockets;
using Conformance.Harness.Tests.Engine;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Tests.Fuzzing;

/// <summary>The one rule a <see cref="BrokenCoreServer"/> breaks.</summary>
public enum PlantedBug
{
    /// <summary>Text split into fragments is not checked for UTF-8 (RFC 6455 8.1): it is handled as binary, echoed as text.</summary>
    NoUtf8CheckAcrossFragments,

    /// <summary>Pongs carry a payload other than the ping's (RFC 6455 5.5.3).</summary>
    WrongPongPayload,

    /// <summary>A continuation with no message started is taken as a new text message (RFC 6455 5.4).</summary>
    AcceptsStrayContinuation,
}

/// <summary>
/// An echo server built on the reference core with exactly one rule broken: incoming frames are rewritten before the
/// core sees them, or its pongs after it wrote them. Everything else is the reference behaviour, so property mode must
/// find the planted bug and nothing else.
/// </summary>
internal static class BrokenCoreServer
{
    public static RawServer Start(PlantedBug bug) => new((socket, token) => ServeAsync(socket, bug, token));

    private static async Task ServeAsync(Socket socket, PlantedBug bug, CancellationToken token)
    {
        await RawServer.AcceptHandshakeAsync(socket, token);
        var connection = new WebSocketConnection(new ConnectionOptions { Role = Role.Server });
        var input = new FrameStreamParser();
        var output = new FrameStreamParser();
        var fragmented = false;
        var textInDisguise = false;
        var buffer = new byte[16 * 1024];
        while (connection.State != ConnectionState.Closed)
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return;
            }

            foreach (var frame in input.Feed(buffer.AsSpan(0, read)))
            {
                var header = frame.Header;
                if (!header.Opcode.IsControl())
                {
                    if (bug == PlantedBug.AcceptsStrayContinuation && header.Opcode == Opcode.Continuation && !fragmented)
                    {
                        header = header with { Opcode = Opcode.Text };
                    }

                    if (bug == PlantedBug.NoUtf8CheckAcrossFragments && header.Opcode == Opcode.Text && !header.Fin)
                    {
                        header = header with { Opcode = Opcode.Binary };
                        textInDisguise = true;
                    }

                    fragmented = !header.Fin;
                }

                connection.ReceiveAll(FrameWriter.ToBytes(header, frame.Payload.Span));
                while (connection.TryDequeueEvent(out var e))
                {
                    if (e is MessageReceived message && connection.State == ConnectionState.Open)
                    {
                        connection.SendMessage(textInDisguise ? MessageKind.Text : message.Kind, message.Payload);
                        textInDisguise = false;
                    }
                }
            }

            var pending = connection.PendingOutput.ToArray();
            connection.AcknowledgeOutput(pending.Length);
            if (bug == PlantedBug.WrongPongPayload)
            {
                pending = [.. output.Feed(pending).SelectMany(f => f.Header.Opcode == Opcode.Pong
                    ? FrameWriter.ToBytes(f.Header with { PayloadLength = 1 }, "x"u8)
                    : FrameWriter.ToBytes(f.Header, f.Payload.Span))];
            }

            await socket.SendAsync(pending, token);
        }
    }
}
