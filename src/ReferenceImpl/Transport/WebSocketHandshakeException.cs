namespace Conformance.ReferenceImpl.Transport;

/// <summary>The opening handshake failed (RFC 6455 4.1: the client fails the connection); the message says why.</summary>
public sealed class WebSocketHandshakeException : Exception
{
    public WebSocketHandshakeException()
        : this("the WebSocket opening handshake failed")
    {
    }

    public WebSocketHandshakeException(string message)
        : base(message)
    {
    }

    public WebSocketHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WebSocketHandshakeException(int? statusCode, string reason)
        : base(statusCode is { } status ? $"WebSocket handshake failed with HTTP {status}: {reason}" : $"WebSocket handshake failed: {reason}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status the server answered, when its response could be parsed.</summary>
    public int? StatusCode { get; }

    /// <summary>What was wrong, with the rule's RFC section.</summary>
    public string Reason { get; } = string.Empty;
}
