namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// Chooses which of a client's extension offers a server accepts (RFC 6455 9.1; permessage-deflate,
/// RFC 7692 5, plugs in here). Offers arrive in the client's order of preference.
/// </summary>
public interface IExtensionNegotiator
{
    /// <summary>
    /// The extensions to accept, as they go into the response's Sec-WebSocket-Extensions, in order.
    /// Each must name an extension the client offered (RFC 6455 9.1); an empty list accepts none.
    /// </summary>
    IReadOnlyList<ExtensionOffer> Negotiate(IReadOnlyList<ExtensionOffer> offers);
}
