using System.Text;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Serving;

/// <summary>
/// Bends the harness's valid opening handshake response as a case asks (<see cref="ResponseEdits"/>): another status,
/// header fields set, removed or added. The result is written exactly, so it may break any rule of RFC 6455 4.2.2.
/// </summary>
public static class ResponseEditor
{
    /// <summary>The edited response head.</summary>
    /// <param name="response">The valid response head (status line, fields, empty line), Latin-1.</param>
    /// <param name="edits">The case's edits.</param>
    /// <param name="accept">The correct Sec-WebSocket-Accept, which "{accept}" stands for.</param>
    public static byte[] Apply(ReadOnlySpan<byte> response, ResponseEdits edits, string accept)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(accept);
        var lines = Encoding.Latin1.GetString(response).Split("\r\n").Where(line => line.Length > 0).ToList();
        var status = lines[0];
        var fields = lines.Skip(1).Select(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(line[..colon], line[(colon + 1)..].Trim());
        }).ToList();
        if (edits.Status is { } code)
        {
            status = $"HTTP/1.1 {code} {Reason(code)}";
        }

        foreach (var (name, value) in edits.SetHeaders)
        {
            var at = fields.FindIndex(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase));
            fields.RemoveAll(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                fields.Insert(at < 0 ? fields.Count : at, new(name, value.Replace(ResponseEdits.AcceptPlaceholder, accept, StringComparison.Ordinal)));
            }
        }

        fields.AddRange(edits.AddHeaders.Select(field => new KeyValuePair<string, string>(field.Key, field.Value.Replace(ResponseEdits.AcceptPlaceholder, accept, StringComparison.Ordinal))));
        if (edits.Status is not null and not 101 && !fields.Any(field => string.Equals(field.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            // RFC 7230 3.3.3: a response that is not an upgrade says where its (empty) body ends.
            fields.Add(new("Content-Length", "0"));
        }

        var head = new StringBuilder(status).Append("\r\n");
        foreach (var (name, value) in fields)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    private static string Reason(int status) => status switch
    {
        101 => "Switching Protocols",
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        426 => "Upgrade Required",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
