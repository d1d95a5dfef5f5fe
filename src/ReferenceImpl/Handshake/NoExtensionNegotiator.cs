namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Accepts no extension: the response carries no Sec-WebSocket-Extensions (RFC 6455 9.1).</summary>
public sealed class NoExtensionNegotiator : IExtensionNegotiator
{
    /// <summary>The one instance; it holds no state.</summary>
    public static NoExtensionNegotiator Instance { get; } = new();

    private NoExtensionNegotiator()
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<ExtensionOffer> Negotiate(IReadOnlyList<ExtensionOffer> offers) => [];
}
