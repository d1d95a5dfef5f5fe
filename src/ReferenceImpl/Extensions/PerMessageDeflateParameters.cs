using Conformance.ReferenceImpl.Protocol;

namespace Conformance.ReferenceImpl.Extensions;

/// <summary>
/// The "agreed parameters" of a permessage-deflate connection (RFC 7692 7.1): the server's response, plus what the
/// client promised in its offer. One value serves both ends; each end reads its own direction with <see cref="Role"/>.
/// </summary>
public sealed record PerMessageDeflateParameters
{
    /// <summary>The server resets its compression context after every message (RFC 7692 7.1.1.1).</summary>
    public bool ServerNoContextTakeover { get; init; }

    /// <summary>The client resets its compression context after every message (RFC 7692 7.1.1.2).</summary>
    public bool ClientNoContextTakeover { get; init; }

    /// <summary>The server's LZ77 window is at most 2^this bytes (RFC 7692 7.1.2.1); 15 when not limited.</summary>
    public int ServerMaxWindowBits { get; init; } = PerMessageDeflate.MaxWindowBits;

    /// <summary>The client's LZ77 window is at most 2^this bytes (RFC 7692 7.1.2.2); 15 when not limited.</summary>
    public int ClientMaxWindowBits { get; init; } = PerMessageDeflate.MaxWindowBits;

    /// <summary>Whether <paramref name="sender"/> resets its compressor after each message.</summary>
    public bool NoContextTakeover(Role sender) => sender == Role.Server ? ServerNoContextTakeover : ClientNoContextTakeover;

    /// <summary>The window bits <paramref name="sender"/> compresses with at most.</summary>
    public int MaxWindowBits(Role sender) => sender == Role.Server ? ServerMaxWindowBits : ClientMaxWindowBits;

    /// <summary>
    /// The agreement a server's own response states: its permessage-deflate element among the accepted extensions,
    /// or null when it accepted none. Throws when the element is invalid (the server built it, so that is a bug).
    /// </summary>
    public static PerMessageDeflateParameters? FromServerResponse(IReadOnlyList<Handshake.ExtensionOffer> acceptedExtensions)
    {
        ArgumentNullException.ThrowIfNull(acceptedExtensions);
        var element = acceptedExtensions.FirstOrDefault(PerMessageDeflate.IsNamedBy);
        if (element is null)
        {
            return null;
        }

        if (!PerMessageDeflateElement.TryParse(element, isResponse: true, out var response, out var problem))
        {
            throw new InvalidOperationException($"The server's own permessage-deflate response \"{element}\" is invalid: {problem}");
        }

        // RFC 7692 7.1: the parameters of the response are the agreed parameters; absent window bits mean 15.
        return new PerMessageDeflateParameters
        {
            ServerNoContextTakeover = response.ServerNoContextTakeover,
            ClientNoContextTakeover = response.ClientNoContextTakeover,
            ServerMaxWindowBits = response.ServerMaxWindowBits ?? PerMessageDeflate.MaxWindowBits,
            ClientMaxWindowBits = response.ClientMaxWindowBits ?? PerMessageDeflate.MaxWindowBits,
        };
    }

    /// <summary>The agreement as a response element would state it, e.g. "permessage-deflate; server_no_context_takeover".</summary>
    public override string ToString() => new PerMessageDeflateElement
    {
        ServerNoContextTakeover = ServerNoContextTakeover,
        ClientNoContextTakeover = ClientNoContextTakeover,
        ServerMaxWindowBits = ServerMaxWindowBits < PerMessageDeflate.MaxWindowBits ? ServerMaxWindowBits : null,
        HasClientMaxWindowBits = ClientMaxWindowBits < PerMessageDeflate.MaxWindowBits,
        ClientMaxWindowBits = ClientMaxWindowBits < PerMessageDeflate.MaxWindowBits ? ClientMaxWindowBits : null,
    }.ToExtension().ToString();
}
