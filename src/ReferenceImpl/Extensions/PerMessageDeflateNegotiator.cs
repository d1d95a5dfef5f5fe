using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The server's side of permessage-deflate negotiation (RFC 7692 5, 7.1): accepts the first valid permessage-deflate
/// offer, in the client's order of preference, and answers it with the agreed parameters. Offers that break RFC 7692 7.1
/// are declined one by one, so a client's fallback offer can still be taken. Other extensions are never accepted.
/// </summary>
public sealed class PerMessageDeflateNegotiator : IExtensionNegotiator
{
    private readonly PerMessageDeflateOptions _options;

    /// <summary>Creates a negotiator that imposes <paramref name="options"/> on what it accepts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window in the options is outside 8..15.</exception>
    public PerMessageDeflateNegotiator(PerMessageDeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc />
    public IReadOnlyList<ExtensionOffer> Negotiate(IReadOnlyList<ExtensionOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        foreach (var offer in offers)
        {
            // RFC 7692 7.1: a server MUST decline an offer with an unknown or repeated parameter or an invalid value.
            if (PerMessageDeflate.IsNamedBy(offer) && PerMessageDeflateElement.TryParse(offer, isResponse: false, out var parsed, out _))
            {
                // RFC 7692 5 / RFC 6455 9.1: one permessage-deflate element at most in the response.
                return [Answer(parsed).ToExtension()];
            }
        }

        return [];
    }

    /// <summary>The response to a valid offer: every offer is supported, so none is declined for its configuration.</summary>
    public PerMessageDeflateElement Answer(PerMessageDeflateElement offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        const int Full = PerMessageDeflate.MaxWindowBits;

        // RFC 7692 7.1.2.1: answer server_max_window_bits with the offered value or a smaller one; a server MAY send it
        // unasked. Every value 8..15 is honoured by MessageDeflater, so no offer is declined for its window.
        int? serverBits = offer.ServerMaxWindowBits is { } asked
            ? Math.Min(asked, _options.ServerMaxWindowBits)
            : _options.ServerMaxWindowBits < Full ? _options.ServerMaxWindowBits : null;

        // RFC 7692 7.1.2.2: client_max_window_bits only when the offer had it; a value the client gave is confirmed
        // (or lowered to ours), and without one it is sent only to ask for a smaller window than 15.
        int? clientBits = null;
        if (offer.HasClientMaxWindowBits)
        {
            var limit = Math.Min(offer.ClientMaxWindowBits ?? Full, _options.ClientMaxWindowBits);
            clientBits = offer.ClientMaxWindowBits is not null || limit < Full ? limit : null;
        }

        return new PerMessageDeflateElement
        {
            // RFC 7692 7.1.1.1: accepting an offer with server_no_context_takeover MUST answer it; a server MAY add it unasked.
            ServerNoContextTakeover = offer.ServerNoContextTakeover || _options.ServerNoContextTakeover,
            // RFC 7692 7.1.1.2: a server MAY answer client_no_context_takeover; the client's own hint is confirmed.
            ClientNoContextTakeover = offer.ClientNoContextTakeover || _options.ClientNoContextTakeover,
            ServerMaxWindowBits = serverBits,
            HasClientMaxWindowBits = clientBits is not null,
            ClientMaxWindowBits = clientBits,
        };
    }
}
