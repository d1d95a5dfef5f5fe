using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The connection state machine fed arbitrary bytes. Input: one control byte (role, permessage-deflate, piece size),
/// then the peer's bytes. Invariants: <see cref="WebSocketConnection.ReceiveData"/> always makes progress, nothing but
/// <see cref="ProtocolViolationException"/> escapes, and a failed connection is closed and says why.
/// </summary>
public static class ConnectionTarget
{
    private const long MaxMessageSize = 1 << 20;

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var control = data[0];
        var wire = data[1..];
        var options = new ConnectionOptions
        {
            Role = (control & 1) == 0 ? Role.Server : Role.Client,
            MaxMessageSize = MaxMessageSize,
            NegotiatedRsvBits = (control & 2) == 0 ? 0 : PerMessageDeflate.RsvBits,
            PerMessageDeflate = (control & 2) == 0 ? null : new PerMessageDeflateParameters
            {
                ServerNoContextTakeover = (control & 4) != 0,
                ClientNoContextTakeover = (control & 4) != 0,
                ServerMaxWindowBits = 8 + ((control >> 3) & 7),
                ClientMaxWindowBits = 8 + ((control >> 3) & 7),
            },
            MaskKeySource = static () => 0x12345678,
        };
        var connection = new WebSocketConnection(options);
        var pieceSize = control >= 0xC0 ? 1 + (control & 0x3F) : int.MaxValue;
        try
        {
            for (var start = 0; start < wire.Length; start += pieceSize)
            {
                Feed(connection, wire.Slice(start, Math.Min(pieceSize, wire.Length - start)));
            }

            connection.ReceiveEof();
        }
        catch (ProtocolViolationException)
        {
            // The core's own protocol error.
        }

        while (connection.TryDequeueEvent(out _))
        {
        }

        if (connection.Failure is not null)
        {
            FuzzInvariantException.Check(connection.State == ConnectionState.Closed, $"failed ({connection.Failure}) but state {connection.State}");
        }
    }

    private static void Feed(WebSocketConnection connection, ReadOnlySpan<byte> piece)
    {
        // Each call consumes at least one byte, so the piece's length in calls always suffices.
        var length = piece.Length;
        for (var calls = 0; !piece.IsEmpty; calls++)
        {
            FuzzInvariantException.Check(calls < length, "ReceiveData made no progress");
            var used = connection.ReceiveData(piece);
            FuzzInvariantException.Check(used > 0 && used <= piece.Length, $"ReceiveData used {used} of {piece.Length} bytes");
            piece = piece[used..];
            while (connection.TryDequeueEvent(out _))
            {
            }

            connection.AcknowledgeOutput(connection.PendingOutput.Length);
        }
    }
}
