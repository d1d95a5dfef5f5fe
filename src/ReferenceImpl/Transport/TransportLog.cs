using System.Globalization;
using System.Net.Sockets;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Protocol;
using Microsoft.Extensions.Logging;

namespace Conformance.ReferenceImpl.Transport;

/// <summary>
/// The transport's log messages: information for listen, accept and close, warnings for failures, debug per event.
/// The overloads taking a socket or an event build their strings only when their level is on.
/// </summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stopped; {Count} connection(s) were open at shutdown")]
    public static partial void Stopped(ILogger logger, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Accepting a connection failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "[{Id}] refused with 503: {Active} connections open, the limit is {Limit}")]
    public static partial void TooManyConnections(ILogger logger, long id, int active, int limit);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "[{Id}] TCP connection from {Remote}")]
    public static partial void Accepted(ILogger logger, long id, string remote);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "[{Id}] open: GET {Resource} from {Remote}, subprotocol {Subprotocol}, compression {Compression}")]
    public static partial void Opened(ILogger logger, long id, string resource, string remote, string subprotocol, string compression);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "[{Id}] handshake refused with {Status}: {Reason}")]
    public static partial void HandshakeRejected(ILogger logger, long id, int status, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "[{Id}] dropped: the opening handshake did not complete within {Timeout}")]
    public static partial void HandshakeTimedOut(ILogger logger, long id, TimeSpan timeout);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "[{Id}] the client closed before completing the handshake")]
    public static partial void HandshakeEof(ILogger logger, long id);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "[{Id}] TLS handshake failed: {Reason}")]
    public static partial void TlsFailed(ILogger logger, long id, string reason);

    [LoggerMessage(EventId = 16, Level = LogLevel.Debug, Message = "[{Id}] dropped: {Limit} connections were in their opening handshake, this the oldest")]
    public static partial void HandshakeEvicted(ILogger logger, long id, int limit);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "[{Id}] {Kind} message, {Length} bytes ({Wire}), echoed")]
    public static partial void MessageEchoed(ILogger logger, long id, MessageKind kind, int length, string wire);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "[{Id}] {Kind} message, {Length} bytes, not echoed: a close frame was sent")]
    public static partial void MessageDropped(ILogger logger, long id, MessageKind kind, int length);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "[{Id}] ping, {Length} bytes")]
    public static partial void Ping(ILogger logger, long id, int length);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "[{Id}] pong, {Length} bytes")]
    public static partial void Pong(ILogger logger, long id, int length);

    [LoggerMessage(EventId = 24, Level = LogLevel.Debug, Message = "[{Id}] close frame received: code {Code}, reason \"{Reason}\"")]
    public static partial void CloseReceived(ILogger logger, long id, string code, string reason);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "[{Id}] failed the connection with {Code}: {Violation}")]
    public static partial void Failed(ILogger logger, long id, ushort code, string violation);

    [LoggerMessage(EventId = 26, Level = LogLevel.Debug, Message = "[{Id}] sent close {Code} ({Reason})")]
    public static partial void CloseSent(ILogger logger, long id, ushort code, string reason);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "[{Id}] closed: {Outcome}")]
    public static partial void Closed(ILogger logger, long id, string outcome);

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "[{Id}] no close reply within {Timeout}; closing TCP")]
    public static partial void CloseTimedOut(ILogger logger, long id, TimeSpan timeout);

    [LoggerMessage(EventId = 29, Level = LogLevel.Warning, Message = "[{Id}] connection error")]
    public static partial void ConnectionError(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "[{Id}] transport ended: {Reason}")]
    public static partial void TransportEnded(ILogger logger, long id, string reason);

    public static void Accepted(ILogger logger, long id, Socket socket)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Accepted(logger, id, RemoteName(socket));
        }
    }

    public static void Opened(ILogger logger, long id, Socket socket, ServerHandshakeResult.Accepted accepted, PerMessageDeflateParameters? deflate)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Opened(logger, id, accepted.Request.Target, RemoteName(socket), accepted.SelectedSubprotocol ?? "(none)", deflate?.ToString() ?? "(none)");
        }
    }

    public static void MessageEchoed(ILogger logger, long id, MessageKind kind, int length, bool compressed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            MessageEchoed(logger, id, kind, length, compressed ? "inflated" : "uncompressed");
        }
    }

    public static void CloseReceived(ILogger logger, long id, CloseReceived close)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            CloseReceived(logger, id, close.Code?.ToString(CultureInfo.InvariantCulture) ?? "none", close.Reason);
        }
    }

    public static void Failed(ILogger logger, long id, ProtocolViolation violation)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            Failed(logger, id, violation.CloseCode, violation.ToString());
        }
    }

    private static string RemoteName(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() is { Length: > 0 } remote ? remote : "unix socket";
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
        {
            return "(closed)";
        }
    }
}
