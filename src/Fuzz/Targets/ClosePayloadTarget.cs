using System.Buffers.Binary;
using System.Text.Unicode;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// The close payload parser: the input (up to 125 bytes) is the body of a masked close frame sent to a server
/// connection. Invariant: the connection accepts it exactly when RFC 6455 5.5.1 / 7.4 allow it (empty, or a code valid
/// on the wire followed by UTF-8), reports the code and reason it carried, and fails the connection otherwise.
/// </summary>
public static class ClosePayloadTarget
{
    private const int MaxControlPayload = 125;

    public static void Run(ReadOnlySpan<byte> data)
    {
        var payload = data[..Math.Min(MaxControlPayload, data.Length)];
        var connection = new WebSocketConnection(new ConnectionOptions { Role = Role.Server });
        connection.ReceiveAll(FrameWriter.ToBytes(Frame.Create(Opcode.Close, payload.ToArray(), maskKey: 0x37fa213d)));
        FuzzInvariantException.Check(connection.TryDequeueEvent(out var first), "a close frame produced no event");

        var allowed = payload.IsEmpty
            || (payload.Length >= 2 && CloseCode.IsValidOnWire(BinaryPrimitives.ReadUInt16BigEndian(payload)) && Utf8.IsValid(payload[2..]));
        if (allowed)
        {
            var close = first as CloseReceived;
            FuzzInvariantException.Check(close is not null, $"an allowed close body gave {first}");
            ushort? code = payload.IsEmpty ? null : BinaryPrimitives.ReadUInt16BigEndian(payload);
            FuzzInvariantException.Check(close!.Code == code, $"close code {close.Code} reported for {code}");
            FuzzInvariantException.Check(payload.Length < 2 || close.Reason == System.Text.Encoding.UTF8.GetString(payload[2..]), "the close reason differs from the bytes sent");
            FuzzInvariantException.Check(connection.CloseSent, "the server did not answer the close");
        }
        else
        {
            FuzzInvariantException.Check(first is ConnectionFailed, $"a forbidden close body gave {first}");
        }
    }
}
