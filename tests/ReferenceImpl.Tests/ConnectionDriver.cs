using System.Text;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Tests;

/// <summary>Drives a connection in memory: builds the peer's frames, feeds them, collects events and what the connection wrote.</summary>
internal sealed class ConnectionDriver
{
    private readonly FrameStreamParser _outputParser = new();
    private readonly List<Frame> _written = [];

    public ConnectionDriver(Role role = Role.Server, ConnectionOptions? options = null)
    {
        Connection = new WebSocketConnection((options ?? new ConnectionOptions()) with { Role = role });
    }

    public WebSocketConnection Connection { get; }

    /// <summary>Frames the connection has written so far (unmasked payloads).</summary>
    public IReadOnlyList<Frame> Written
    {
        get
        {
            Drain();
            return _written;
        }
    }

    private bool PeerMasks => Connection.Role == Role.Server;

    /// <summary>A frame as the peer of this connection would send it (masked toward a server).</summary>
    public byte[] PeerFrame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool? masked = null, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false, LengthEncoding encoding = LengthEncoding.Minimal)
    {
        var mask = masked ?? PeerMasks;
        var header = new FrameHeader
        {
            Fin = fin,
            Rsv1 = rsv1,
            Rsv2 = rsv2,
            Rsv3 = rsv3,
            Opcode = opcode,
            Masked = mask,
            MaskKey = mask ? 0x37FA213Du : 0,
            PayloadLength = (ulong)payload.Length,
            LengthEncoding = encoding,
        };
        return FrameWriter.ToBytes(header, payload);
    }

    public byte[] PeerFrame(Opcode opcode, string text, bool fin = true) => PeerFrame(opcode, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] ClosePayload(ushort code, string reason = "") =>
        [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)];

    public List<ConnectionEvent> Feed(params byte[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            Connection.ReceiveAll(chunk);
        }

        return TakeEvents();
    }

    public List<ConnectionEvent> TakeEvents()
    {
        var events = new List<ConnectionEvent>();
        while (Connection.TryDequeueEvent(out var e))
        {
            events.Add(e!);
        }

        return events;
    }

    /// <summary>The status code of the close frame the connection wrote, or null (none written, or written empty).</summary>
    public ushort? WrittenCloseCode()
    {
        var close = Written.LastOrDefault(f => f.Header.Opcode == Opcode.Close);
        return close is { Payload.Length: >= 2 } ? (ushort)((close.Payload.Span[0] << 8) | close.Payload.Span[1]) : null;
    }

    private void Drain()
    {
        var pending = Connection.PendingOutput;
        if (!pending.IsEmpty)
        {
            _written.AddRange(_outputParser.Feed(pending.Span));
            Connection.AcknowledgeOutput(pending.Length);
        }
    }
}
