using System.Diagnostics.CodeAnalysis;
using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The client's side of permessage-deflate negotiation (RFC 7692 7.1): judges the server's response against the
/// client's offers and, when it answers one of them, returns the agreed parameters. A client MUST fail the connection
/// on a response that is invalid or answers no offer.
/// </summary>
public static class PerMessageDeflateResponseValidator
{
    /// <summary>Checks every permessage-deflate element of <paramref name="accepted"/> against the offers.</summary>
    /// <param name="offers">Everything the client offered, in order.</param>
    /// <param name="accepted">Everything the server accepted, in order.</param>
    /// <param name="agreed">The agreed parameters, or null when the server accepted no permessage-deflate.</param>
    /// <param name="problem">Why the client fails the connection, citing the rule.</param>
    public static bool TryValidate(IReadOnlyList<ExtensionOffer> offers, IReadOnlyList<ExtensionOffer> accepted, out PerMessageDeflateParameters? agreed, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(accepted);
        agreed = null;
        var responses = accepted.Where(PerMessageDeflate.IsNamedBy).ToList();
        if (responses.Count == 0)
        {
            problem = null;
            return true;
        }

        // RFC 7692 5: two PMCEs both using RSV1 conflict; a client receiving such a response MUST fail the connection.
        if (responses.Count > 1)
        {
            problem = $"RFC 7692 5: the server accepted permessage-deflate {responses.Count} times; extensions that both use RSV1 conflict";
            return false;
        }

        // RFC 7692 7.1: a response with an unknown or repeated parameter or an invalid value fails the connection.
        if (!PerMessageDeflateElement.TryParse(responses[0], isResponse: true, out var response, out problem))
        {
            problem = $"the permessage-deflate response \"{responses[0]}\" is invalid: {problem}";
            return false;
        }

        var reasons = new List<string>();
        foreach (var offer in offers.Where(PerMessageDeflate.IsNamedBy))
        {
            if (!PerMessageDeflateElement.TryParse(offer, isResponse: false, out var offered, out var invalid))
            {
                reasons.Add($"the offer \"{offer}\" is itself invalid ({invalid})");
                continue;
            }

            if (Mismatch(offered, response) is { } mismatch)
            {
                reasons.Add($"it does not answer \"{offer}\": {mismatch}");
                continue;
            }

            agreed = Agree(offered, response);
            return true;
        }

        problem = reasons.Count == 0
            ? "RFC 6455 9.1: the server accepted permessage-deflate, which the client did not offer"
            : $"the permessage-deflate response \"{responses[0]}\" answers no offer: {string.Join("; ", reasons)}";
        return false;
    }

    /// <summary>Why <paramref name="response"/> cannot be the answer to <paramref name="offer"/>, or null when it can.</summary>
    public static string? Mismatch(PerMessageDeflateElement offer, PerMessageDeflateElement response)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(response);

        // RFC 7692 7.1.1.1: a server accepting an offer with server_no_context_takeover MUST include it in the response.
        if (offer.ServerNoContextTakeover && !response.ServerNoContextTakeover)
        {
            return "RFC 7692 7.1.1.1: server_no_context_takeover was offered, so the response must include it";
        }

        // RFC 7692 7.1.2.1: the response's server_max_window_bits is the offered value or smaller.
        if (offer.ServerMaxWindowBits is { } asked && response.ServerMaxWindowBits is null)
        {
            return $"RFC 7692 7.1.2.1: server_max_window_bits={asked} was offered, so the response must include server_max_window_bits";
        }

        if (offer.ServerMaxWindowBits is { } limit && response.ServerMaxWindowBits > limit)
        {
            return $"RFC 7692 7.1.2.1: server_max_window_bits={response.ServerMaxWindowBits} is more than the {limit} offered";
        }

        // RFC 7692 7.1.2.2: without client_max_window_bits in the offer, the response MUST NOT include it.
        if (response.HasClientMaxWindowBits && !offer.HasClientMaxWindowBits)
        {
            return "RFC 7692 7.1.2.2: client_max_window_bits was not offered, so the response must not include it";
        }

        return null;
    }

    /// <summary>
    /// The agreed parameters (RFC 7692 7.1): the response's, made stricter by what the client offered for itself
    /// (client_no_context_takeover is a promise the client keeps either way, 7.1.1.2; its own window stays the smaller
    /// of the offered and the answered one, 7.1.2.2).
    /// </summary>
    public static PerMessageDeflateParameters Agree(PerMessageDeflateElement offer, PerMessageDeflateElement response)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(response);
        const int Full = PerMessageDeflate.MaxWindowBits;
        return new PerMessageDeflateParameters
        {
            ServerNoContextTakeover = response.ServerNoContextTakeover,
            ClientNoContextTakeover = response.ClientNoContextTakeover || offer.ClientNoContextTakeover,
            ServerMaxWindowBits = response.ServerMaxWindowBits ?? Full,
            ClientMaxWindowBits = Math.Min(response.ClientMaxWindowBits ?? Full, offer.ClientMaxWindowBits ?? Full),
        };
    }
}
