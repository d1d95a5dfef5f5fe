using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Receiving;

/// <summary>Control frames (RFC 6455 5.5): ping, pong and close with its body's rules.</summary>
public sealed partial class ReceivePipeline
{
    private void OnControlFrame(Opcode opcode, byte[] payload)
    {
        switch (opcode)
        {
            case Opcode.Ping:
                _events.Enqueue(new PingReceived(payload));
                break;
            case Opcode.Pong:
                // RFC 6455 5.5.3: an unsolicited pong is allowed and needs no answer.
                _events.Enqueue(new PongReceived(payload));
                break;
            case Opcode.Close:
                OnClose(payload);
                break;
        }
    }

    private void OnClose(byte[] payload)
    {
        // RFC 6455 5.5.1, 7.4: the body is empty, or a valid code and a UTF-8 reason.
        var body = CloseBody.Parse(payload);
        if (body.Violation is { } violation && Breach(violation))
        {
            return;
        }

        CloseReceived = true;
        _events.Enqueue(new CloseReceived(body.Code, body.Reason));
    }
}
