namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// The server side of the opening handshake (RFC 6455 4.2): judges a request head and answers it,
/// sans-I/O. Read until <see cref="HttpHeadReader.TryFindEnd"/> completes, evaluate, write the bytes.
/// </summary>
public static class ServerHandshake
{
    /// <summary>The only protocol version this code speaks (RFC 6455 4.2.1 item 6).</summary>
    public const string SupportedVersion = "13";

    /// <summary>
    /// Judges the request head at the start of <paramref name="head"/> (bytes after its CRLF CRLF are
    /// ignored) and builds the response. Never throws for anything the client sent.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (a subprotocol that is not a token, say).</exception>
    /// <exception cref="InvalidOperationException">The extension negotiator accepted an extension the client did not offer.</exception>
    public static ServerHandshakeResult Evaluate(ReadOnlySpan<byte> head, ServerHandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);

        HandshakeRequest request;
        try
        {
            request = HandshakeRequestParser.Parse(head, options.Limits);
        }
        catch (HandshakeException exception)
        {
            return Reject(exception, null, options);
        }

        try
        {
            return Accept(request, options);
        }
        catch (HandshakeException exception)
        {
            return Reject(exception, request, options);
        }
    }

    private static ServerHandshakeResult.Accepted Accept(HandshakeRequest request, ServerHandshakeOptions options)
    {
        var headers = request.Headers;

        // RFC 6455 4.2.1 item 1: the handshake is an HTTP/1.1 or higher GET request. Methods are
        // case-sensitive (RFC 7230 3.1.1); a 405 response MUST carry Allow (RFC 7231 6.5.5).
        if (!string.Equals(request.Method, "GET", StringComparison.Ordinal))
        {
            throw new HandshakeException(405, "RFC 6455 4.2.1 item 1: the opening handshake MUST be a GET request", $"The method is \"{request.Method}\"; a WebSocket handshake uses GET.");
        }

        // RFC 7231 6.6.6: 505 for a major version the server does not speak (this one speaks HTTP/1.x).
        if (request.HttpVersion.Major != 1)
        {
            throw new HandshakeException(505, "RFC 7231 6.6.6: a server answers 505 to a major HTTP version it does not support; RFC 6455 4.2.1 item 1 asks for HTTP/1.1", $"The request is {request.HttpVersion}; this server speaks HTTP/1.1.");
        }

        // RFC 6455 4.2.1 item 1: HTTP/1.1 or higher.
        if (!request.HttpVersion.IsHttp11OrHigherHttp1)
        {
            throw new HandshakeException(400, "RFC 6455 4.2.1 item 1: the opening handshake MUST be an HTTP/1.1 or higher request", $"The request is {request.HttpVersion}; a WebSocket handshake needs HTTP/1.1 or higher.");
        }

        CheckHost(headers);

        // RFC 6455 4.2.1 item 3: an Upgrade header field containing "websocket", ASCII case-insensitive.
        if (!headers.ContainsToken("Upgrade", "websocket"))
        {
            throw new HandshakeException(400, "RFC 6455 4.2.1 item 3: the request MUST have an Upgrade header field containing \"websocket\" (case-insensitive)", $"{Describe(headers, "Upgrade")}; it must contain the token \"websocket\".");
        }

        // RFC 6455 4.2.1 item 4: a Connection header field containing the token "Upgrade", ASCII case-insensitive.
        if (!headers.ContainsToken("Connection", "Upgrade"))
        {
            throw new HandshakeException(400, "RFC 6455 4.2.1 item 4: the request MUST have a Connection header field containing the token \"Upgrade\" (case-insensitive)", $"{Describe(headers, "Connection")}; it must contain the token \"Upgrade\".");
        }

        CheckVersion(headers);
        var key = CheckKey(headers);
        var subprotocol = SelectSubprotocol(headers, options.SupportedSubprotocols);
        var extensions = NegotiateExtensions(headers, options.ExtensionNegotiator);

        // RFC 6455 4.2.2 item 5: status 101, Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Accept,
        // then the optional Sec-WebSocket-Protocol (one value) and Sec-WebSocket-Extensions.
        var fields = new List<HttpHeaderField>
        {
            new("Upgrade", "websocket"),
            new("Connection", "Upgrade"),
            new("Sec-WebSocket-Accept", AcceptKey.Compute(key)),
        };
        if (subprotocol is not null)
        {
            fields.Add(new("Sec-WebSocket-Protocol", subprotocol));
        }

        if (extensions.Count > 0)
        {
            fields.Add(new("Sec-WebSocket-Extensions", ExtensionHeaderFormatter.Format(extensions)));
        }

        if (options.ServerHeader is not null)
        {
            fields.Add(new("Server", options.ServerHeader));
        }

        return new ServerHandshakeResult.Accepted(request, HttpResponseWriter.Write(101, fields), subprotocol, extensions);
    }

    private static void CheckHost(HttpHeaders headers)
    {
        // RFC 6455 4.2.1 item 2 and RFC 7230 5.4: exactly one Host header field with a valid value, else 400.
        const string Rule = "RFC 6455 4.2.1 item 2 / RFC 7230 5.4: the request MUST have exactly one Host header field holding the server's authority";
        var hosts = headers.GetValues("Host");
        if (hosts.Count == 0)
        {
            throw new HandshakeException(400, Rule, "The request has no Host header field.");
        }

        if (hosts.Count > 1)
        {
            throw new HandshakeException(400, Rule, $"The request has {hosts.Count} Host header fields.");
        }

        if (hosts[0].Length == 0 || hosts[0].AsSpan().ContainsAny(' ', '\t'))
        {
            throw new HandshakeException(400, Rule, $"The Host value \"{hosts[0]}\" is not a host[:port].");
        }
    }

    private static void CheckVersion(HttpHeaders headers)
    {
        // RFC 6455 11.3.5: Sec-WebSocket-Version MUST NOT appear more than once in a request.
        var versions = headers.GetValues("Sec-WebSocket-Version");
        if (versions.Count > 1)
        {
            throw new HandshakeException(400, "RFC 6455 11.3.5: the Sec-WebSocket-Version header field MUST NOT appear more than once in a request", $"The request has {versions.Count} Sec-WebSocket-Version header fields.");
        }

        // RFC 6455 4.2.2 / 4.4: a version the server does not understand (or none) gets 426 Upgrade Required
        // with Sec-WebSocket-Version listing the versions it does.
        const string VersionRule = "RFC 6455 4.2.1 item 6 / 4.2.2 / 4.4: the request MUST carry Sec-WebSocket-Version 13; otherwise the server answers 426 with the versions it supports";
        if (versions.Count == 0)
        {
            throw new HandshakeException(426, VersionRule, "The request has no Sec-WebSocket-Version header field; this server speaks version 13.");
        }

        // RFC 6455 11.3.5: version = DIGIT | (NZDIGIT DIGIT) | ("1" DIGIT DIGIT) | ("2" DIGIT DIGIT), 0 to 255.
        var value = versions[0];
        if (!IsVersionSyntax(value))
        {
            throw new HandshakeException(400, "RFC 6455 11.3.5: Sec-WebSocket-Version is one decimal number from 0 to 255 without leading zeros", $"The Sec-WebSocket-Version value \"{value}\" is not a version number.");
        }

        if (value != SupportedVersion)
        {
            throw new HandshakeException(426, VersionRule, $"Sec-WebSocket-Version {value} is not supported; this server speaks version 13.");
        }
    }

    private static bool IsVersionSyntax(string value) =>
        value.Length is >= 1 and <= 3
        && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
        && (value.Length == 1 || value[0] != '0')
        && int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) <= 255;

    private static string CheckKey(HttpHeaders headers)
    {
        // RFC 6455 11.3.1: Sec-WebSocket-Key MUST NOT appear more than once in a request.
        var keys = headers.GetValues("Sec-WebSocket-Key");
        if (keys.Count > 1)
        {
            throw new HandshakeException(400, "RFC 6455 11.3.1: the Sec-WebSocket-Key header field MUST NOT appear more than once in a request", $"The request has {keys.Count} Sec-WebSocket-Key header fields.");
        }

        // RFC 6455 4.2.1 item 5: a Sec-WebSocket-Key whose base64 value decodes to 16 bytes.
        const string Rule = "RFC 6455 4.2.1 item 5: the request MUST have a Sec-WebSocket-Key header field whose base64 value decodes to 16 bytes";
        if (keys.Count == 0)
        {
            throw new HandshakeException(400, Rule, "The request has no Sec-WebSocket-Key header field.");
        }

        if (!AcceptKey.IsValidClientKey(keys[0]))
        {
            throw new HandshakeException(400, Rule, $"The Sec-WebSocket-Key \"{keys[0]}\" is not base64 of 16 bytes (24 characters ending in \"==\").");
        }

        return keys[0];
    }

    private static string? SelectSubprotocol(HttpHeaders headers, IReadOnlyList<string> supported)
    {
        if (!headers.Contains("Sec-WebSocket-Protocol"))
        {
            return null;
        }

        // RFC 6455 4.1 item 10 / 11.3.4: a comma list (over one or more fields) of unique tokens, at least one.
        const string Rule = "RFC 6455 4.1 item 10 / 11.3.4: Sec-WebSocket-Protocol is a list of one or more unique tokens";
        var offers = headers.GetTokens("Sec-WebSocket-Protocol");
        if (offers.Count == 0)
        {
            throw new HandshakeException(400, Rule, "The Sec-WebSocket-Protocol header field is empty.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offer in offers)
        {
            if (!HttpSyntax.IsToken(offer))
            {
                throw new HandshakeException(400, Rule, $"The subprotocol \"{offer}\" is not a token.");
            }

            if (!seen.Add(offer))
            {
                throw new HandshakeException(400, Rule, $"The subprotocol \"{offer}\" is offered twice.");
            }
        }

        // RFC 6455 4.2.2 item 5.3: pick one the client offered, by the server's preference, or none.
        return SubprotocolSelector.Select(supported, offers);
    }

    private static IReadOnlyList<ExtensionOffer> NegotiateExtensions(HttpHeaders headers, IExtensionNegotiator negotiator)
    {
        var combined = headers.GetCombined("Sec-WebSocket-Extensions");
        if (combined is null)
        {
            return [];
        }

        // RFC 6455 9.1: the offer follows the extension-list grammar; a malformed one is refused with 400 (4.2.1).
        if (!ExtensionHeaderParser.TryParse(combined, out var offers, out var error))
        {
            throw new HandshakeException(400, ExtensionFormatException.Rule, $"The Sec-WebSocket-Extensions offer is malformed: {error.Problem} at character {error.Position}.");
        }

        // RFC 6455 9.1: a server accepts only extensions the client offered.
        var accepted = negotiator.Negotiate(offers);
        foreach (var extension in accepted)
        {
            if (!offers.Any(offer => string.Equals(offer.Name, extension.Name, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"The extension negotiator {negotiator.GetType().Name} accepted \"{extension.Name}\", which the client did not offer (RFC 6455 9.1).");
            }
        }

        return accepted;
    }

    private static ServerHandshakeResult.Rejected Reject(HandshakeException exception, HandshakeRequest? request, ServerHandshakeOptions options)
    {
        var fields = new List<HttpHeaderField>();
        switch (exception.StatusCode)
        {
            case 405:
                // RFC 7231 6.5.5: a 405 response MUST carry Allow.
                fields.Add(new("Allow", "GET"));
                break;
            case 426:
                // RFC 6455 4.2.2 / 4.4: name the supported version. RFC 7231 6.5.15: a 426 MUST carry Upgrade,
                // and RFC 7230 6.7: whoever sends Upgrade also sends the "upgrade" connection option.
                fields.Add(new("Sec-WebSocket-Version", SupportedVersion));
                fields.Add(new("Upgrade", "websocket"));
                break;
        }

        // RFC 7230 6.6: Connection: close says the server closes after this response.
        fields.Add(new("Connection", exception.StatusCode == 426 ? "Upgrade, close" : "close"));
        if (options.ServerHeader is not null)
        {
            fields.Add(new("Server", options.ServerHeader));
        }

        var bytes = HttpResponseWriter.Write(exception.StatusCode, fields, exception.Message + "\n");
        return new ServerHandshakeResult.Rejected(exception.StatusCode, bytes, exception.Message, exception.Rule, request);
    }

    private static void CheckOptions(ServerHandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Limits, nameof(options));
        ArgumentNullException.ThrowIfNull(options.SupportedSubprotocols, nameof(options));
        ArgumentNullException.ThrowIfNull(options.ExtensionNegotiator, nameof(options));
        foreach (var subprotocol in options.SupportedSubprotocols)
        {
            // RFC 6455 4.1 item 10: subprotocol names are tokens.
            if (subprotocol is null || !HttpSyntax.IsToken(subprotocol))
            {
                throw new ArgumentException($"The subprotocol \"{subprotocol}\" is not a token (RFC 6455 4.1 item 10).", nameof(options));
            }
        }

        if (options.ServerHeader is not null && (options.ServerHeader.Length == 0 || !HttpSyntax.IsFieldValue(options.ServerHeader)))
        {
            throw new ArgumentException($"The Server header value \"{options.ServerHeader}\" is not a valid field value (RFC 7230 3.2).", nameof(options));
        }
    }

    private static string Describe(HttpHeaders headers, string name)
    {
        var value = headers.GetCombined(name);
        return value is null ? $"The request has no {name} header field" : $"The {name} header field is \"{value}\"";
    }
}
