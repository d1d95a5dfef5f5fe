namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Chooses the subprotocol a server answers with (RFC 6455 4.2.2 item 5.3 /subprotocol/).</summary>
public static class SubprotocolSelector
{
    /// <summary>
    /// The first of the server's subprotocols, in the server's order of preference, that the client
    /// offered; null when none matches. Names compare exactly (ordinal): a server never answers a
    /// subprotocol that the client did not offer (RFC 6455 4.1, the client fails such a connection).
    /// </summary>
    public static string? Select(IReadOnlyList<string> serverPreference, IReadOnlyList<string> clientOffers)
    {
        ArgumentNullException.ThrowIfNull(serverPreference);
        ArgumentNullException.ThrowIfNull(clientOffers);

        // RFC 6455 4.2.2 item 5.3: the value MUST be one of the values the client sent, or none at all.
        foreach (var supported in serverPreference)
        {
            foreach (var offered in clientOffers)
            {
                if (string.Equals(supported, offered, StringComparison.Ordinal))
                {
                    return supported;
                }
            }
        }

        return null;
    }
}
