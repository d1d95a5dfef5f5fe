using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>Reads a server's response head (RFC 6455 4.1: the client waits for it before sending frames).</summary>
public static class ResponseHeadReader
{
    /// <summary>
    /// Reads into <paramref name="buffer"/> until the head ends; returns its length and how many bytes were read (the
    /// rest are the server's first frames).
    /// </summary>
    /// <exception cref="WebSocketHandshakeException">The server closed first, or the head outgrew <paramref name="limits"/>.</exception>
    public static async Task<(int HeadLength, int Filled)> ReadAsync(Stream stream, byte[] buffer, HandshakeLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(limits);
        var filled = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                throw new WebSocketHandshakeException(null, $"the server closed the connection after {filled} bytes, before the end of its response head");
            }

            filled += read;
            switch (HttpHeadReader.TryFindEnd(buffer.AsSpan(0, filled), limits, out var headLength))
            {
                case HeadReadStatus.Complete:
                    return (headLength, filled);
                case HeadReadStatus.TooLarge:
                    throw new WebSocketHandshakeException(null, $"the response head exceeds {limits.MaxHeadBytes} bytes without ending");
            }
        }
    }
}
