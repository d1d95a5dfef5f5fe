using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.Harness.Serving;

/// <summary>
/// A case's permessage-deflate offer, read from the other side: when the harness is the server, the parameters the case
/// would offer are the ones it answers the client's offer with (Autobahn's fuzzingserver does the same for 12.x/13.x).
/// RFC 7692 7.1.1.1, 7.1.1.2 and 7.1.2.1 let a server add server_no_context_takeover, client_no_context_takeover and
/// server_max_window_bits unasked; client_max_window_bits only answers a client that offered it (7.1.2.2).
/// </summary>
public static class DeflateAnswer
{
    /// <summary>The negotiator for the case: none when the case makes no offer (the harness declines the extension).</summary>
    public static IExtensionNegotiator For(DeflateOffer? offer)
    {
        if (offer is null)
        {
            return NoExtensionNegotiator.Instance;
        }

        var element = ExtensionHeaderParser.TryParse(offer.Offer, out var offers, out _)
            ? offers.Where(PerMessageDeflate.IsNamedBy).Select(o => PerMessageDeflateElement.TryParse(o, isResponse: false, out var parsed, out _) ? parsed : null).FirstOrDefault(parsed => parsed is not null)
            : null;
        return new PerMessageDeflateNegotiator(new PerMessageDeflateOptions
        {
            ServerNoContextTakeover = element?.ServerNoContextTakeover ?? false,
            ClientNoContextTakeover = element?.ClientNoContextTakeover ?? false,
            ServerMaxWindowBits = element?.ServerMaxWindowBits ?? PerMessageDeflate.MaxWindowBits,
        });
    }
}
