using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.ClientDriver;

/// <summary>
/// An echo client on the reference core (<see cref="WebSocketConnection"/>, <see cref="ClientHandshake"/>) that breaks
/// exactly one rule (<see cref="ClientFault"/>) by rewriting frames on the wire, or by skipping one check.
/// </summary>
public static class BrokenEchoClient
{
    public static async Task EchoAsync(Uri url, ClientFault fault, CancellationToken cancellationToken)
    {
        var address = WebSocketAddress.Parse(url);
        var handshake = ClientHandshake.Create(new ClientHandshakeOptions { Host = address.HostHeader, Path = address.Resource });
        var (socket, stream) = await ClientTransport.ConnectAsync(address, allowUntrustedCertificate: true, null, cancellationToken);
        using var owned = socket;
        await using var _ = stream;
        await stream.WriteAsync(handshake.RequestBytes, cancellationToken);
        var (head, after) = await ReadHeadAsync(stream, cancellationToken);
        if (fault == ClientFault.AcceptsBadAccept)
        {
            head = WithAccept(head, handshake.ExpectedAccept);
        }

        if (handshake.Validate(head) is ClientHandshakeResult.Failed failed)
        {
            throw new WebSocketHandshakeException(failed.StatusCode, failed.Reason);
        }

        var connection = new WebSocketConnection(new ConnectionOptions { Role = Role.Client });
        var wasText = new Queue<bool>();
        // Only the faults about what arrives rewrite it (whole frames); the others hand the core the bytes as they come.
        var rewritesIncoming = fault is ClientFault.AcceptsMaskedFrames or ClientFault.EchoesInvalidUtf8;
        var incoming = new FrameRewriter(header =>
        {
            var changed = header;
            if (fault == ClientFault.AcceptsMaskedFrames)
            {
                changed = changed with { Masked = false, MaskKey = 0 };
            }

            if (fault == ClientFault.EchoesInvalidUtf8 && header.Opcode == Opcode.Text)
            {
                // Text read as binary: the core checks no UTF-8; the echo is made text again on the way out.
                wasText.Enqueue(true);
                changed = changed with { Opcode = Opcode.Binary };
            }
            else if (fault == ClientFault.EchoesInvalidUtf8 && header.Opcode == Opcode.Binary)
            {
                wasText.Enqueue(false);
            }

            return changed;
        });
        var outgoing = new FrameRewriter(header => fault switch
        {
            ClientFault.UnmaskedFrames => header with { Masked = false, MaskKey = 0 },
            ClientFault.ZeroMaskKey => header with { MaskKey = 0 },
            ClientFault.RepeatedMaskKey => header with { MaskKey = 0x37FA213D },
            ClientFault.EchoesInvalidUtf8 when header.Opcode == Opcode.Binary && wasText.TryDequeue(out var text) && text => header with { Opcode = Opcode.Text },
            _ => header,
        });

        var buffer = new byte[64 * 1024];
        var data = after;
        while (true)
        {
            connection.ReceiveAll(rewritesIncoming ? incoming.Rewrite(data) : data);
            while (connection.TryDequeueEvent(out var received))
            {
                if (received is MessageReceived message)
                {
                    connection.SendMessage(message.Kind, message.Payload);
                }
            }

            var output = connection.PendingOutput;
            if (!output.IsEmpty)
            {
                await stream.WriteAsync(outgoing.Rewrite(output.Span), cancellationToken);
                connection.AcknowledgeOutput(output.Length);
            }

            if (connection.State == ConnectionState.Closed)
            {
                return;
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                connection.ReceiveEof();
                return;
            }

            data = buffer[..read];
        }
    }

    private static async Task<(byte[] Head, byte[] After)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (true)
        {
            if (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, length), HandshakeLimits.Default, out var headLength) == HeadReadStatus.Complete)
            {
                return (buffer[..headLength], buffer[headLength..length]);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0 || length > HandshakeLimits.Default.MaxHeadBytes)
            {
                throw new IOException("the server sent no complete response head");
            }

            length += read;
        }
    }

    /// <summary>The response with its Sec-WebSocket-Accept replaced by the one the check expects (the check skipped).</summary>
    private static byte[] WithAccept(byte[] head, string accept)
    {
        var lines = System.Text.Encoding.Latin1.GetString(head).Split("\r\n").Where(line => !line.StartsWith("Sec-WebSocket-Accept:", StringComparison.OrdinalIgnoreCase)).ToList();
        lines.Insert(1, $"Sec-WebSocket-Accept: {accept}");
        return System.Text.Encoding.Latin1.GetBytes(string.Join("\r\n", lines));
    }
}
