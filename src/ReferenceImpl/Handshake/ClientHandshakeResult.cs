namespace Conformance.ReferenceImpl.Handshake;

/// <summary>What a client makes of the server's response: <see cref="Accepted"/> or <see cref="Failed"/>.</summary>
public abstract record ClientHandshakeResult
{
    private ClientHandshakeResult()
    {
    }

    /// <summary>The response completes the handshake; the connection is OPEN (RFC 6455 4.1).</summary>
    /// <param name="Response">The response as parsed.</param>
    /// <param name="Subprotocol">The subprotocol the server chose, or null when none.</param>
    /// <param name="Extensions">The extensions the server accepted, in order; empty when none.</param>
    public sealed record Accepted(HandshakeResponse Response, string? Subprotocol, IReadOnlyList<ExtensionOffer> Extensions)
        : ClientHandshakeResult
    {
        /// <summary>The permessage-deflate agreement (RFC 7692 7.1), or null when the server did not accept it.</summary>
        public Extensions.PerMessageDeflateParameters? PerMessageDeflate { get; init; }
    }

    /// <summary>The client MUST _Fail the WebSocket Connection_ (RFC 6455 4.1).</summary>
    /// <param name="Reason">What was wrong and the rule it breaks, with its RFC section.</param>
    /// <param name="Rule">The rule broken alone, citing its RFC section.</param>
    /// <param name="Response">The response as parsed, or null when it could not be parsed.</param>
    public sealed record Failed(string Reason, string Rule, HandshakeResponse? Response) : ClientHandshakeResult
    {
        /// <summary>The status the server answered, when its response could be parsed.</summary>
        public int? StatusCode => Response?.StatusCode;
    }
}
