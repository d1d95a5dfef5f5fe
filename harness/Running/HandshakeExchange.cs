using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Running;

/// <summary>Writes the request head (chopped, or with the first frames in the same write) and reads the response head (RFC 6455 4.1).</summary>
internal static class HandshakeExchange
{
    public static async Task<HandshakeOutcome> RunAsync(TargetConnection connection, HandshakeRequest request, HandshakeSpec? spec, byte[] withRequest, WireLog wire, CancellationToken token)
    {
        try
        {
            await ChoppedWriter.WriteAsync(connection.Stream, [.. request.Bytes, .. withRequest], spec?.Chop, token);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            return new HandshakeOutcome(null, null, null, [], $"writing the request failed: {exception.Message}");
        }

        return await ReadResponseAsync(connection.Stream, request.Validator, wire, token);
    }

    private static async Task<HandshakeOutcome> ReadResponseAsync(Stream stream, ClientHandshake validator, WireLog wire, CancellationToken token)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var status = HttpHeadReader.TryFindEnd(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), HandshakeLimits.Default, out var headLength);
            if (status == HeadReadStatus.Complete)
            {
                var all = buffer.ToArray();
                var head = all[..headLength];
                var text = Encoding.Latin1.GetString(head);
                wire.Add(new HandshakeEntry(WireDirection.Received, text));
                var validation = validator.Validate(head);
                var response = validation switch
                {
                    ClientHandshakeResult.Accepted accepted => accepted.Response,
                    ClientHandshakeResult.Failed failed => failed.Response,
                    _ => null,
                };
                return new HandshakeOutcome(text, response, validation, all[headLength..], null);
            }

            if (status == HeadReadStatus.TooLarge)
            {
                return Incomplete(buffer, wire, $"the response head is larger than {HandshakeLimits.Default.MaxHeadBytes} bytes");
            }

            int read;
            try
            {
                read = await stream.ReadAsync(chunk, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return Incomplete(buffer, wire, "no complete response head in time");
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                wire.Add(new TcpEntry(TcpEventKind.PeerReset, exception.Message));
                return Incomplete(buffer, wire, $"the connection broke before the end of the response head: {exception.Message}");
            }

            if (read == 0)
            {
                wire.Add(new TcpEntry(TcpEventKind.PeerEof));
                return Incomplete(buffer, wire, "the peer closed the connection before the end of the response head");
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static HandshakeOutcome Incomplete(MemoryStream buffer, WireLog wire, string error)
    {
        if (buffer.Length > 0)
        {
            wire.Add(new RawEntry(WireDirection.Received, buffer.ToArray(), "an incomplete response head"));
        }

        return new HandshakeOutcome(buffer.Length > 0 ? Encoding.Latin1.GetString(buffer.ToArray()) : null, null, null, [], error);
    }
}
