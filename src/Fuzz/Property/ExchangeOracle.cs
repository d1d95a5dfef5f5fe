using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Fuzz.Property;

/// <summary>
/// The reference implementation as the model: feeds a generated exchange to a server-side <see cref="WebSocketConnection"/>
/// and says what a conformant echo server must answer: its echoes and pongs in order, then how the connection ends.
/// </summary>
public static class ExchangeOracle
{
    public static ExpectedExchange Predict(FuzzExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var connection = new WebSocketConnection(new ConnectionOptions { Role = Role.Server });
        var replies = new List<ExpectedReply>();
        for (var used = 1; used <= exchange.Frames.Count; used++)
        {
            var frame = exchange.Frames[used - 1];
            connection.ReceiveAll(frame.ToBytes());
            while (connection.TryDequeueEvent(out var e))
            {
                switch (e)
                {
                    // The target is an echo server (as for Autobahn): every message comes back as it was.
                    case MessageReceived message:
                        replies.Add(new ExpectedReply(message.Kind == MessageKind.Binary ? ReplyKind.Binary : ReplyKind.Text, message.Payload));
                        break;

                    // RFC 6455 5.5.2: a ping is answered with a pong carrying its payload.
                    case PingReceived ping:
                        replies.Add(new ExpectedReply(ReplyKind.Pong, ping.Payload));
                        break;

                    // A broken close frame is answered with the failure's code (RFC 6455 7.4.1: Autobahn's section 7 shape);
                    // any other broken frame fails the connection. Frames after it are never read.
                    case ConnectionFailed failed:
                        return new ExpectedExchange(replies, frame.Opcode == Opcode.Close ? ExpectedEnd.PeerAnswersCloseWithError : ExpectedEnd.PeerFails, [failed.Violation.CloseCode], failed.Violation.Section, failed.Violation.Requirement, Sent(exchange, used, failed));

                    case CloseReceived close:
                        // RFC 6455 5.5.1: the peer answers a close with a close (1000, or the code it received).
                        ushort[] codes = close.Code is { } code && code != CloseCode.NormalClosure ? [code, CloseCode.NormalClosure] : [CloseCode.NormalClosure];
                        return new ExpectedExchange(replies, ExpectedEnd.PeerAnswersClose, codes, "RFC 6455 5.5.1", "the peer answers a close frame with a close frame", [.. exchange.Frames.Take(used)]);
                }
            }
        }

        return new ExpectedExchange(replies, ExpectedEnd.HarnessCloses, [CloseCode.NormalClosure], "RFC 6455 5.5.1", "every message is echoed, every ping answered, and the harness's close answered", exchange.Frames);
    }

    /// <summary>
    /// The frames worth sending: up to the one that ended the exchange. The reference fails invalid UTF-8 as soon as it
    /// sees it (RFC 6455 8.1 fail-fast); a peer may check at the end of the message instead (Autobahn: NON-STRICT), so an
    /// unfinished message is completed with an empty final continuation, which lets both kinds fail.
    /// </summary>
    private static IReadOnlyList<FuzzFrame> Sent(FuzzExchange exchange, int used, ConnectionFailed failed)
    {
        List<FuzzFrame> frames = [.. exchange.Frames.Take(used)];
        var last = frames[^1];
        if (failed.Violation.CloseCode == CloseCode.InvalidPayloadData && !last.Fin && last.Opcode is Opcode.Text or Opcode.Continuation)
        {
            frames.Add(new FuzzFrame(Opcode.Continuation, true, 0, []));
        }

        return frames;
    }
}

/// <summary>How a conformant peer ends the exchange.</summary>
public enum ExpectedEnd
{
    /// <summary>All is well: the harness closes with 1000 once the replies arrived.</summary>
    HarnessCloses,

    /// <summary>The exchange ended with the client's own close frame; the peer answers it.</summary>
    PeerAnswersClose,

    /// <summary>A frame broke a rule: the peer fails the connection (a close with one of the codes, or a TCP close).</summary>
    PeerFails,

    /// <summary>The client's close frame itself was invalid (code, reason or length): the peer answers it with one of the codes.</summary>
    PeerAnswersCloseWithError,
}

public enum ReplyKind
{
    Text,
    Binary,
    Pong,
}

/// <summary>One frame a conformant echo server sends back.</summary>
public sealed record ExpectedReply(ReplyKind Kind, byte[] Payload);

/// <summary>
/// The model's prediction: the replies in order, the end, the close codes allowed, the rule (section and words)
/// behind the end, and the frames to send (those after a failure or a close are never read).
/// </summary>
public sealed record ExpectedExchange(IReadOnlyList<ExpectedReply> Replies, ExpectedEnd End, IReadOnlyList<ushort> Codes, string Section, string Rule, IReadOnlyList<FuzzFrame> Frames);
