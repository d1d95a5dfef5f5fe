using System.Net.Sockets;
using Conformance.Harness.Tests.Engine;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Tests.Benchmarking;

/// <summary>
/// Echo servers for judging the load generator: a correct one, ones that are odd but legal, and ones that break exactly
/// one rule. Each parses with the core (server role) and writes the echo frames itself, however the variant says.
/// </summary>
internal static class EchoVariants
{
    /// <summary>What to write back for message number <c>index</c>: frames, or null to send nothing.</summary>
    public delegate IEnumerable<byte[]>? Answer(long index, MessageKind kind, byte[] payload);

    public static RawServer Start(Answer answer) => new((socket, token) => ServeAsync(socket, answer, token));

    public static IEnumerable<byte[]> Whole(MessageKind kind, byte[] payload) =>
        [FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = OpcodeOf(kind), PayloadLength = (ulong)payload.Length }, payload)];

    /// <summary>RFC 6455 5.4: the same message in three fragments, with a ping between them (legal).</summary>
    public static IEnumerable<byte[]> Refragmented(MessageKind kind, byte[] payload)
    {
        var third = payload.Length / 3;
        yield return FrameWriter.ToBytes(new FrameHeader { Opcode = OpcodeOf(kind), PayloadLength = (ulong)third }, payload.AsSpan(0, third));
        yield return FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Ping, PayloadLength = 2 }, "hi"u8);
        yield return FrameWriter.ToBytes(new FrameHeader { Opcode = Opcode.Continuation, PayloadLength = (ulong)third }, payload.AsSpan(third, third));
        yield return FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Continuation, PayloadLength = (ulong)(payload.Length - (2 * third)) }, payload.AsSpan(2 * third));
    }

    private static Opcode OpcodeOf(MessageKind kind) => kind == MessageKind.Text ? Opcode.Text : Opcode.Binary;

    private static async Task ServeAsync(Socket socket, Answer answer, CancellationToken token)
    {
        await RawServer.AcceptHandshakeAsync(socket, token);
        var core = new WebSocketConnection(new ConnectionOptions { Role = Role.Server });
        var buffer = new byte[64 * 1024];
        long index = 0;
        while (!core.ShouldCloseTransport)
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return;
            }

            core.ReceiveAll(buffer.AsSpan(0, read));
            var output = new List<byte>();
            while (core.TryDequeueEvent(out var connectionEvent))
            {
                if (connectionEvent is MessageReceived message && !core.CloseSent)
                {
                    foreach (var frame in answer(index++, message.Kind, message.Payload) ?? [])
                    {
                        output.AddRange(frame);
                    }
                }
            }

            // Pongs and the close reply the core queued go after the echoes.
            output.AddRange(core.PendingOutput.ToArray());
            core.AcknowledgeOutput(core.PendingOutput.Length);
            await socket.SendAsync(output.ToArray(), token);
        }
    }
}
