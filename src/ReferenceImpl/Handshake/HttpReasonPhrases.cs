namespace Conformance.ReferenceImpl.Handshake;

/// <summary>The reason phrases this code writes (RFC 7231 6.1, RFC 6585).</summary>
internal static class HttpReasonPhrases
{
    public static string For(int statusCode) => statusCode switch
    {
        101 => "Switching Protocols",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    };
}
