namespace Conformance.Harness.Cases.Model;

/// <summary>What the case does when the server does not accept permessage-deflate.</summary>
public enum DeflateDeclined
{
    /// <summary>The case is UNIMPLEMENTED and the harness closes at once (Autobahn 12/13).</summary>
    Unimplemented,

    /// <summary>The steps run without compression (an offer the server must decline, RFC 7692 7.1).</summary>
    Continue,
}

/// <summary>
/// A case's permessage-deflate offer (RFC 7692 5, 7.1): the Sec-WebSocket-Extensions value sent exactly as written, and
/// what a refusal means. Once the server accepts, data messages are compressed with the agreed parameters.
/// </summary>
/// <param name="Offer">The Sec-WebSocket-Extensions value, e.g. "permessage-deflate; client_max_window_bits".</param>
/// <param name="IfDeclined">UNIMPLEMENTED (the default) or run the steps uncompressed.</param>
public sealed record DeflateOffer(string Offer, DeflateDeclined IfDeclined = DeflateDeclined.Unimplemented)
{
    /// <summary>The offer a plain <c>deflate: true</c> makes: the extension with client_max_window_bits allowed (RFC 7692 7.1.2.2).</summary>
    public const string DefaultOffer = "permessage-deflate; client_max_window_bits";
}
