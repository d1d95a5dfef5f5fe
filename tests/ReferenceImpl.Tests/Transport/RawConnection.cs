using System.Net.Sockets;
using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Transport;

/// <summary>A plain socket that writes exact bytes and reads frames leniently, for raw-wire tests of the server.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _received = [];
    private readonly byte[] _buffer = new byte[64 * 1024];

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var address = WebSocketAddress.Parse(endpoint);
        Socket socket;
        if (address.Kind == TransportKind.Unix)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.UnixPath!), cancellationToken);
        }
        else
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(address.Host, address.Port, cancellationToken);
        }

        return new RawConnection(socket);
    }

    /// <summary>Connects and completes a valid handshake; asserts the 101.</summary>
    public static async Task<RawConnection> OpenAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(endpoint, cancellationToken);
        await connection.SendAsync(HandshakeRequest(endpoint), cancellationToken);
        var head = await connection.ReadHeadAsync(cancellationToken);
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        return connection;
    }

    public static byte[] HandshakeRequest(Uri endpoint)
    {
        var address = WebSocketAddress.Parse(endpoint);
        return ClientHandshake.Create(new ClientHandshakeOptions { Host = address.HostHeader, Path = address.Resource }).RequestBytes.ToArray();
    }

    /// <summary>A frame as a client sends it: masked (unless told otherwise) with a fixed key.</summary>
    public static byte[] ClientFrame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, bool rsv1 = false) =>
        FrameWriter.ToBytes(
            new FrameHeader { Fin = fin, Rsv1 = rsv1, Opcode = opcode, Masked = masked, MaskKey = masked ? 0x37FA213Du : 0, PayloadLength = (ulong)payload.Length },
            payload);

    public static byte[] ClientText(string text) => ClientFrame(Opcode.Text, Encoding.UTF8.GetBytes(text));

    public static byte[] ClientClose(ushort code, string reason = "")
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        payload[0] = (byte)(code >> 8);
        payload[1] = (byte)code;
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return ClientFrame(Opcode.Close, payload);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);

    /// <summary>Reads up to and including CRLF CRLF; later bytes stay buffered for <see cref="ReadFrameAsync"/>.</summary>
    public async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = IndexOfHeadEnd();
            if (end >= 0)
            {
                var head = Encoding.Latin1.GetString(_received.GetRange(0, end).ToArray());
                _received.RemoveRange(0, end);
                return head;
            }

            if (!await FillAsync(cancellationToken))
            {
                return Encoding.Latin1.GetString(_received.ToArray());
            }
        }
    }

    /// <summary>The next whole frame (payload unmasked), or null at EOF.</summary>
    public async Task<Frame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var bytes = _received.ToArray();
            if (FrameHeaderReader.TryRead(bytes, out var header, out var headerSize) && (ulong)bytes.Length >= (ulong)headerSize + header.PayloadLength)
            {
                var payload = bytes.AsSpan(headerSize, (int)header.PayloadLength).ToArray();
                if (header.Masked)
                {
                    Masking.Apply(payload, header.MaskKey);
                }

                _received.RemoveRange(0, headerSize + payload.Length);
                return new Frame(header, payload);
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    /// <summary>Reads and discards until the server closes the connection; true at EOF (or reset).</summary>
    public async Task<bool> WaitForEofAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await FillAsync(cancellationToken))
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
        _received.AddRange(_buffer.AsSpan(0, read));
        return read > 0;
    }

    private int IndexOfHeadEnd()
    {
        for (var i = 3; i < _received.Count; i++)
        {
            if (_received[i - 3] == '\r' && _received[i - 2] == '\n' && _received[i - 1] == '\r' && _received[i] == '\n')
            {
                return i + 1;
            }
        }

        return -1;
    }
}
