using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// One element of a Sec-WebSocket-Extensions list: an extension name and its parameters in order
/// (RFC 6455 9.1). The same shape serves a client's offer and a server's acceptance.
/// </summary>
/// <param name="Name">The extension token, e.g. "permessage-deflate".</param>
/// <param name="Parameters">The parameters in the order sent.</param>
public sealed record ExtensionOffer(string Name, IReadOnlyList<ExtensionParameter> Parameters)
{
    /// <summary>An extension with no parameters.</summary>
    public ExtensionOffer(string name)
        : this(name, [])
    {
    }

    /// <summary>The element as it is written in the header, e.g. "permessage-deflate; client_max_window_bits".</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        ExtensionHeaderFormatter.Append(builder, this);
        return builder.ToString();
    }
}
