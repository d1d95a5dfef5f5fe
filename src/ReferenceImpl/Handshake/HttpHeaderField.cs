namespace Conformance.ReferenceImpl.Handshake;

/// <summary>One header field line as received or to be sent: its name as spelled, its value with OWS trimmed.</summary>
/// <param name="Name">The field name (a token, RFC 7230 3.2).</param>
/// <param name="Value">The field value, leading and trailing OWS removed; obs-text bytes map to U+0080..U+00FF.</param>
public readonly record struct HttpHeaderField(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Value}";
}
