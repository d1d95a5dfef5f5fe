namespace Conformance.ReferenceImpl.Handshake;

/// <summary>An HTTP-version of a start line: "HTTP/" DIGIT "." DIGIT (RFC 7230 2.6).</summary>
/// <param name="Major">The major version digit.</param>
/// <param name="Minor">The minor version digit.</param>
public readonly record struct HttpProtocolVersion(int Major, int Minor)
{
    /// <summary>HTTP/1.1, the version every handshake this code writes uses.</summary>
    public static HttpProtocolVersion Http11 { get; } = new(1, 1);

    /// <summary>Parses exactly "HTTP/" DIGIT "." DIGIT, case-sensitively (RFC 7230 2.6).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out HttpProtocolVersion version)
    {
        // RFC 7230 2.6: HTTP-version = HTTP-name "/" DIGIT "." DIGIT; HTTP-name = %x48.54.54.50 ; "HTTP", case-sensitive
        if (text.Length == 8 && text.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)text[5]) && text[6] == (byte)'.' && char.IsAsciiDigit((char)text[7]))
        {
            version = new HttpProtocolVersion(text[5] - '0', text[7] - '0');
            return true;
        }

        version = default;
        return false;
    }

    /// <summary>At least HTTP/1.1 within HTTP/1.x, as RFC 6455 4.1 and 4.2.1 item 1 ask of a handshake.</summary>
    public bool IsHttp11OrHigherHttp1 => Major == 1 && Minor >= 1;

    /// <inheritdoc />
    public override string ToString() => $"HTTP/{Major}.{Minor}";
}
