namespace Conformance.ReferenceImpl.Handshake;

/// <summary>One parameter of an extension in Sec-WebSocket-Extensions (RFC 6455 9.1).</summary>
/// <param name="Name">The parameter name, a token.</param>
/// <param name="Value">The value, unquoted (a token either way, RFC 6455 9.1), or null when the parameter has none.</param>
public sealed record ExtensionParameter(string Name, string? Value)
{
    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
