using Conformance.ReferenceImpl.Handshake;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// What an endpoint asks of permessage-deflate (RFC 7692 7.1). A client offers these; a server imposes them on the
/// offers it accepts. The defaults ask for nothing: context takeover both ways, 15-bit windows.
/// </summary>
public sealed record PerMessageDeflateOptions
{
    /// <summary>The server resets its context after each message (RFC 7692 7.1.1.1): a client offers it, a server always answers it.</summary>
    public bool ServerNoContextTakeover { get; init; }

    /// <summary>The client resets its context after each message (RFC 7692 7.1.1.2): a client offers (and keeps) it, a server asks it.</summary>
    public bool ClientNoContextTakeover { get; init; }

    /// <summary>
    /// The server's window, 8 to 15 bits (RFC 7692 7.1.2.1): a client below 15 offers server_max_window_bits; a server
    /// below 15 answers it even unasked. Any value is honoured (see <see cref="MessageDeflater"/> for how).
    /// </summary>
    public int ServerMaxWindowBits { get; init; } = PerMessageDeflate.MaxWindowBits;

    /// <summary>
    /// The client's window, 8 to 15 bits (RFC 7692 7.1.2.2): a client always offers client_max_window_bits (with this
    /// value below 15, without one at 15); a server below 15 answers it when the offer allows.
    /// </summary>
    public int ClientMaxWindowBits { get; init; } = PerMessageDeflate.MaxWindowBits;

    /// <summary>The offer a client sends with these options, e.g. "permessage-deflate; client_max_window_bits".</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window is outside 8..15.</exception>
    public ExtensionOffer ToOffer()
    {
        Validate();
        return new PerMessageDeflateElement
        {
            ServerNoContextTakeover = ServerNoContextTakeover,
            ClientNoContextTakeover = ClientNoContextTakeover,
            ServerMaxWindowBits = ServerMaxWindowBits < PerMessageDeflate.MaxWindowBits ? ServerMaxWindowBits : null,
            // RFC 7692 7.1.2.2: offering client_max_window_bits lets the server limit the client's window; without it, it may not.
            HasClientMaxWindowBits = true,
            ClientMaxWindowBits = ClientMaxWindowBits < PerMessageDeflate.MaxWindowBits ? ClientMaxWindowBits : null,
        }.ToExtension();
    }

    /// <summary>Throws when a window is outside 8..15 (RFC 7692 7.1.2).</summary>
    public void Validate()
    {
        if (!WindowBits.IsValid(ServerMaxWindowBits))
        {
            throw new ArgumentOutOfRangeException(nameof(ServerMaxWindowBits), ServerMaxWindowBits, "window bits are 8 to 15 (RFC 7692 7.1.2.1)");
        }

        if (!WindowBits.IsValid(ClientMaxWindowBits))
        {
            throw new ArgumentOutOfRangeException(nameof(ClientMaxWindowBits), ClientMaxWindowBits, "window bits are 8 to 15 (RFC 7692 7.1.2.2)");
        }
    }
}
