using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>Writes response heads (and a short text body) as bytes.</summary>
internal static class HttpResponseWriter
{
    /// <summary>"HTTP/1.1 {status} {reason}" CRLF, each field CRLF, CRLF, then the body (RFC 7230 3).</summary>
    public static byte[] Write(int statusCode, IEnumerable<HttpHeaderField> fields, string? body = null)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(statusCode).Append(' ').Append(HttpReasonPhrases.For(statusCode)).Append("\r\n");
        foreach (var field in fields)
        {
            head.Append(field.Name).Append(": ").Append(field.Value).Append("\r\n");
        }

        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            // RFC 7230 3.3.2: Content-Length tells the client where the body ends.
            head.Append("Content-Type: text/plain; charset=utf-8\r\n");
            head.Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. bodyBytes];
    }
}
