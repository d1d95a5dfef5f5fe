using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Tests.Engine;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Tests.Compression;

/// <summary>Deliberately broken permessage-deflate servers for <see cref="RawServer"/>: each accepts the extension, then misbehaves.</summary>
internal static class DeflateServers
{
    /// <summary>Answers 101 accepting permessage-deflate with <paramref name="extension"/>, then answers each data message with <paramref name="answer"/>.</summary>
    public static async Task RunAsync(Socket socket, string extension, Func<Frame, IEnumerable<(FrameHeader Header, byte[] Payload)>> answer, CancellationToken token)
    {
        if (!await AcceptAsync(socket, extension, token))
        {
            return;
        }

        var parser = new FrameStreamParser();
        var pending = new Queue<Frame>();
        while (await RawServer.ReadFrameAsync(socket, parser, pending, token) is { } frame)
        {
            if (frame.Header.Opcode == Opcode.Close)
            {
                var payload = frame.Payload.ToArray();
                await RawServer.SendFrameAsync(socket, new FrameHeader { Fin = true, Opcode = Opcode.Close, PayloadLength = (ulong)payload.Length }, payload, token);
                return;
            }

            if (frame.Header.Opcode is Opcode.Text or Opcode.Binary)
            {
                foreach (var (header, payload) in answer(frame))
                {
                    await RawServer.SendFrameAsync(socket, header with { PayloadLength = (ulong)payload.Length }, payload, token);
                }
            }
        }
    }

    /// <summary>A compressed text frame carrying <paramref name="payload"/> as given (RSV1 set).</summary>
    public static (FrameHeader, byte[]) Compressed(byte[] payload) => (new FrameHeader { Fin = true, Rsv1 = true, Opcode = Opcode.Text }, payload);

    private static async Task<bool> AcceptAsync(Socket socket, string extension, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await socket.ReceiveAsync(one, token) == 0)
            {
                return false;
            }

            head.Add(one[0]);
        }

        var key = Encoding.Latin1.GetString([.. head]).Split("\r\n").First(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {AcceptKey.Compute(key)}\r\nSec-WebSocket-Extensions: {extension}\r\n\r\n";
        await socket.SendAsync(Encoding.Latin1.GetBytes(response), token);
        return true;
    }

    /// <summary>A compressor that keeps its context across messages, whatever was agreed.</summary>
    public static MessageDeflater KeepingContext() => new(PerMessageDeflate.MaxWindowBits, noContextTakeover: false);
}
