using System.Text;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Handshake;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Running;

/// <summary>
/// Builds the opening handshake request: a valid RFC 6455 4.1 request from <see cref="ClientHandshake"/> (random
/// key), the run's own fields, then the case's edits applied exactly, or the case's raw head with {host}/{key}.
/// </summary>
internal static class HandshakeRequestBuilder
{
    public static HandshakeRequest Build(WebSocketAddress address, RunOptions options, HandshakeSpec? spec)
    {
        var baseline = ClientHandshake.Create(new ClientHandshakeOptions { Host = address.HostHeader, Path = address.Resource });
        var lines = Encoding.Latin1.GetString(baseline.RequestBytes.Span).Split("\r\n").Where(line => line.Length > 0).ToList();
        var fields = lines.Skip(1).Select(Split).ToList();
        var requestLine = lines[0];

        // RFC 6455 4.1 items 8, 10: Origin and the offered subprotocols; then the user's own fields.
        if (options.Origin is not null)
        {
            Set(fields, "Origin", options.Origin);
        }

        if (options.Subprotocols.Count > 0)
        {
            Set(fields, "Sec-WebSocket-Protocol", string.Join(", ", options.Subprotocols));
        }

        fields.AddRange(options.ExtraHeaders);

        string text;
        if (spec?.RawRequest is { } raw)
        {
            text = raw.Replace("{host}", address.HostHeader, StringComparison.Ordinal).Replace("{key}", baseline.Key, StringComparison.Ordinal);
        }
        else
        {
            if (spec is not null)
            {
                requestLine = EditRequestLine(requestLine, spec);

                // RFC 7692 5: the permessage-deflate offer, exactly as the case wrote it.
                if (spec.Deflate is { } deflate)
                {
                    Set(fields, "Sec-WebSocket-Extensions", deflate.Offer);
                }

                foreach (var (name, value) in spec.SetHeaders)
                {
                    Set(fields, name, value);
                }

                fields.AddRange(spec.AddHeaders);
            }

            var head = new StringBuilder(requestLine).Append("\r\n");
            foreach (var (name, value) in fields)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            text = head.Append("\r\n").ToString();
        }

        return new HandshakeRequest(Encoding.Latin1.GetBytes(text), ValidatorFor(text, address, baseline));
    }

    private static string EditRequestLine(string requestLine, HandshakeSpec spec)
    {
        var parts = requestLine.Split(' ');
        var method = spec.Method ?? parts[0];
        var version = spec.HttpVersion is null ? parts[^1] : $"HTTP/{spec.HttpVersion}";
        return $"{method} {parts[1]} {version}";
    }

    // Replaces every field of this name by one (at the first's place), or removes them all for a null value.
    private static void Set(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        var at = fields.FindIndex(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase));
        fields.RemoveAll(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase));
        if (value is not null)
        {
            fields.Insert(at < 0 ? fields.Count : at, new(name, value));
        }
    }

    private static KeyValuePair<string, string> Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new(line, "") : new(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
    }

    // The answer is judged against what was actually sent: the key, subprotocols and extensions of the final head.
    private static ClientHandshake ValidatorFor(string text, WebSocketAddress address, ClientHandshake baseline)
    {
        var fields = text.Split("\r\n").Skip(1).TakeWhile(line => line.Length > 0).Select(Split).ToList();
        string? Value(string name) => fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value).FirstOrDefault();

        var nonce = new byte[18];
        if (Value("Sec-WebSocket-Key") is not { } key || !Convert.TryFromBase64String(key, nonce, out var length) || length != 16)
        {
            return baseline;
        }

        var subprotocols = (Value("Sec-WebSocket-Protocol") ?? "").Split(',').Select(s => s.Trim(' ', '\t')).Where(s => s.Length > 0).Distinct().ToList();
        var extensions = Value("Sec-WebSocket-Extensions");
        try
        {
            return new ClientHandshake(new ClientHandshakeOptions { Host = address.HostHeader, Path = address.Resource, Subprotocols = subprotocols, Extensions = extensions }, nonce.AsSpan(0, 16));
        }
        catch (ArgumentException)
        {
            return new ClientHandshake(new ClientHandshakeOptions { Host = address.HostHeader, Path = address.Resource }, nonce.AsSpan(0, 16));
        }
    }
}
