using System.Security.Cryptography;
using System.Text;
using Conformance.ReferenceImpl.Extensions;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// The client side of the opening handshake (RFC 6455 4.1), sans-I/O: send <see cref="RequestBytes"/>,
/// read until <see cref="HttpHeadReader.TryFindEnd"/> completes, then <see cref="Validate"/> the head.
/// </summary>
public sealed class ClientHandshake
{
    // Header fields the handshake writes itself; each has its own option.
    private static readonly string[] ManagedHeaders =
    [
        "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin",
    ];

    private readonly ClientHandshakeOptions _options;
    private readonly IReadOnlyList<ExtensionOffer> _offeredExtensions;

    /// <summary>Prepares a handshake with a caller-supplied nonce.</summary>
    /// <param name="options">What to send.</param>
    /// <param name="nonce">16 bytes, randomly selected for each connection (RFC 6455 4.1 item 7).</param>
    /// <exception cref="ArgumentException">The nonce is not 16 bytes, or an option cannot be sent as a valid handshake.</exception>
    public ClientHandshake(ClientHandshakeOptions options, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Key = AcceptKey.EncodeNonce(nonce);
        ExpectedAccept = AcceptKey.Compute(Key);
        _offeredExtensions = CheckOptions(options);
        RequestBytes = BuildRequest(options, Key);
    }

    /// <summary>Prepares a handshake with a fresh nonce from <see cref="RandomNumberGenerator"/> (RFC 6455 4.1 item 7).</summary>
    public static ClientHandshake Create(ClientHandshakeOptions options)
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return new ClientHandshake(options, nonce);
    }

    /// <summary>The Sec-WebSocket-Key sent: the nonce in base64.</summary>
    public string Key { get; }

    /// <summary>The Sec-WebSocket-Accept the server must answer (RFC 6455 4.1, 4.2.2 item 5.4).</summary>
    public string ExpectedAccept { get; }

    /// <summary>The complete request head to send, CRLF CRLF included.</summary>
    public ReadOnlyMemory<byte> RequestBytes { get; }

    /// <summary>The extensions offered, parsed from <see cref="ClientHandshakeOptions.Extensions"/>.</summary>
    public IReadOnlyList<ExtensionOffer> OfferedExtensions => _offeredExtensions;

    /// <summary>
    /// Judges the response head at the start of <paramref name="responseHead"/> (bytes after its CRLF CRLF,
    /// such as a first frame, are the caller's). Never throws for anything the server sent.
    /// </summary>
    public ClientHandshakeResult Validate(ReadOnlySpan<byte> responseHead)
    {
        HandshakeResponse response;
        try
        {
            response = HandshakeResponseParser.Parse(responseHead, _options.Limits);
        }
        catch (HandshakeException exception)
        {
            return new ClientHandshakeResult.Failed($"The response head is malformed: {exception.Message}", exception.Rule, null);
        }

        var headers = response.Headers;

        // RFC 6455 4.1: a status other than 101 is handled per HTTP; the handshake has not completed.
        if (response.StatusCode != 101)
        {
            return Fail(response, $"The server answered {response.StatusCode} {response.ReasonPhrase}, not 101 Switching Protocols", "RFC 6455 4.1: the handshake completes only with status 101");
        }

        // RFC 6455 4.1 item 2 (server response): Upgrade MUST be present and be "websocket", ASCII case-insensitive.
        var upgrades = headers.GetTokens("Upgrade");
        if (upgrades.Count == 0 || upgrades.Any(value => !string.Equals(value, "websocket", StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(response, Describe(headers, "Upgrade", "must be \"websocket\""), "RFC 6455 4.1: if the Upgrade header field is missing or not a case-insensitive match for \"websocket\", the client MUST fail the connection");
        }

        // RFC 6455 4.1 item 3 (server response): Connection MUST contain the token "Upgrade", ASCII case-insensitive.
        if (!headers.ContainsToken("Connection", "Upgrade"))
        {
            return Fail(response, Describe(headers, "Connection", "must contain the token \"Upgrade\""), "RFC 6455 4.1: if the Connection header field is missing or lacks the token \"Upgrade\" (case-insensitive), the client MUST fail the connection");
        }

        // RFC 6455 4.1 item 4 (server response): Sec-WebSocket-Accept MUST be base64(SHA-1(key + GUID)).
        var accepts = headers.GetValues("Sec-WebSocket-Accept");
        if (accepts.Count != 1 || !string.Equals(accepts[0], ExpectedAccept, StringComparison.Ordinal))
        {
            var found = accepts.Count == 0 ? "The response has no Sec-WebSocket-Accept header field" : $"Sec-WebSocket-Accept is \"{string.Join(", ", accepts)}\"";
            return Fail(response, $"{found}, expected \"{ExpectedAccept}\" for key \"{Key}\"", "RFC 6455 4.1: if Sec-WebSocket-Accept is missing or not base64(SHA-1(Sec-WebSocket-Key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")), the client MUST fail the connection");
        }

        var extensions = CheckExtensions(response, out var deflate, out var extensionFailure);
        if (extensionFailure is not null)
        {
            return extensionFailure;
        }

        var subprotocol = CheckSubprotocol(response, out var subprotocolFailure);
        if (subprotocolFailure is not null)
        {
            return subprotocolFailure;
        }

        return new ClientHandshakeResult.Accepted(response, subprotocol, extensions) { PerMessageDeflate = deflate };
    }

    private IReadOnlyList<ExtensionOffer> CheckExtensions(HandshakeResponse response, out PerMessageDeflateParameters? deflate, out ClientHandshakeResult.Failed? failure)
    {
        failure = null;
        deflate = null;
        var combined = response.Headers.GetCombined("Sec-WebSocket-Extensions");
        if (combined is null)
        {
            return [];
        }

        // RFC 6455 9.1: the response's Sec-WebSocket-Extensions follows the extension-list grammar.
        if (!ExtensionHeaderParser.TryParse(combined, out var accepted, out var error))
        {
            failure = Fail(response, $"The Sec-WebSocket-Extensions \"{combined}\" is malformed: {error.Problem} at character {error.Position}", ExtensionFormatException.Rule);
            return [];
        }

        // RFC 6455 4.1 item 5 (server response): an extension the client did not offer MUST fail the connection.
        foreach (var extension in accepted)
        {
            if (!_offeredExtensions.Any(offer => string.Equals(offer.Name, extension.Name, StringComparison.Ordinal)))
            {
                var offered = _offeredExtensions.Count == 0 ? "none was offered" : $"offered: {string.Join(", ", _offeredExtensions.Select(offer => offer.Name).Distinct())}";
                failure = Fail(response, $"The server accepted extension \"{extension.Name}\" which the client did not offer ({offered})", "RFC 6455 4.1: if the response indicates an extension not present in the client's handshake, the client MUST fail the connection");
                return [];
            }
        }

        // RFC 7692 7.1: a permessage-deflate response that is invalid or answers no offer MUST fail the connection.
        if (!PerMessageDeflateResponseValidator.TryValidate(_offeredExtensions, accepted, out deflate, out var problem))
        {
            failure = Fail(response, $"Sec-WebSocket-Extensions \"{combined}\": {problem}", "RFC 7692 7.1: a client MUST fail the connection when the server's permessage-deflate response is invalid or does not answer its offer");
            return [];
        }

        return accepted;
    }

    private string? CheckSubprotocol(HandshakeResponse response, out ClientHandshakeResult.Failed? failure)
    {
        failure = null;
        var values = response.Headers.GetValues("Sec-WebSocket-Protocol");
        if (values.Count == 0)
        {
            return null;
        }

        // RFC 6455 4.2.2 item 5.3 / 11.3.4: the server answers a single value, one the client sent.
        const string SingleRule = "RFC 6455 4.2.2 item 5.3 / 11.3.4: the response's Sec-WebSocket-Protocol is a single subprotocol, at most once";
        var tokens = response.Headers.GetTokens("Sec-WebSocket-Protocol");
        if (values.Count > 1 || tokens.Count != 1)
        {
            failure = Fail(response, $"Sec-WebSocket-Protocol is \"{string.Join(", ", values)}\", not exactly one subprotocol", SingleRule);
            return null;
        }

        // RFC 6455 4.1 item 6 (server response): a subprotocol the client did not offer MUST fail the connection.
        var chosen = tokens[0];
        if (!_options.Subprotocols.Contains(chosen, StringComparer.Ordinal))
        {
            var offered = _options.Subprotocols.Count == 0 ? "none was offered" : $"offered: {string.Join(", ", _options.Subprotocols)}";
            failure = Fail(response, $"The server chose subprotocol \"{chosen}\" which the client did not offer ({offered})", "RFC 6455 4.1: if the response indicates a subprotocol not present in the client's handshake, the client MUST fail the connection");
            return null;
        }

        return chosen;
    }

    private static ClientHandshakeResult.Failed Fail(HandshakeResponse response, string problem, string rule) =>
        new($"{problem}. ({rule})", rule, response);

    private static string Describe(HttpHeaders headers, string name, string expectation)
    {
        var value = headers.GetCombined(name);
        return value is null ? $"The response has no {name} header field; it {expectation}" : $"The {name} header field is \"{value}\"; it {expectation}";
    }

    private static IReadOnlyList<ExtensionOffer> CheckOptions(ClientHandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Limits, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Subprotocols, nameof(options));
        ArgumentNullException.ThrowIfNull(options.ExtraHeaders, nameof(options));

        // RFC 6455 4.1 item 4 / RFC 7230 5.4: Host is host[:port], no whitespace.
        if (string.IsNullOrEmpty(options.Host) || !HttpSyntax.IsFieldValue(options.Host) || options.Host.AsSpan().ContainsAny(' ', '\t'))
        {
            throw new ArgumentException($"The Host \"{options.Host}\" is not a host[:port] (RFC 6455 4.1 item 4).", nameof(options));
        }

        // RFC 6455 4.1 item 3: the request-target is the /resource name/: "/" path, optional query; visible ASCII.
        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/' || options.Path.AsSpan().IndexOfAnyExceptInRange('\x21', '\x7E') >= 0)
        {
            throw new ArgumentException($"The Path \"{options.Path}\" is not a resource name: it must start with '/' and hold only visible ASCII (RFC 6455 4.1 item 3, 3).", nameof(options));
        }

        if (options.Origin is not null && (options.Origin.Length == 0 || !HttpSyntax.IsFieldValue(options.Origin)))
        {
            throw new ArgumentException($"The Origin \"{options.Origin}\" is not a valid field value (RFC 6454 7).", nameof(options));
        }

        // RFC 6455 4.1 item 10: subprotocols are non-empty tokens, all unique.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subprotocol in options.Subprotocols)
        {
            if (subprotocol is null || !HttpSyntax.IsToken(subprotocol))
            {
                throw new ArgumentException($"The subprotocol \"{subprotocol}\" is not a token (RFC 6455 4.1 item 10).", nameof(options));
            }

            if (!seen.Add(subprotocol))
            {
                throw new ArgumentException($"The subprotocol \"{subprotocol}\" is listed twice; offers MUST be unique (RFC 6455 4.1 item 10).", nameof(options));
            }
        }

        foreach (var field in options.ExtraHeaders)
        {
            if (field.Name is null || !HttpSyntax.IsToken(field.Name) || field.Value is null || !HttpSyntax.IsFieldValue(field.Value))
            {
                throw new ArgumentException($"The extra header \"{field.Name}: {field.Value}\" is not a valid header field (RFC 7230 3.2).", nameof(options));
            }

            if (ManagedHeaders.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The extra header \"{field.Name}\" is written by the handshake itself; set it through its own option.", nameof(options));
            }
        }

        if (options.Extensions is null)
        {
            return [];
        }

        // RFC 6455 9.1: the offer must follow the extension-list grammar.
        if (!ExtensionHeaderParser.TryParse(options.Extensions, out var offers, out var error))
        {
            throw new ArgumentException($"The Extensions option is malformed: {error.Message}", nameof(options));
        }

        return offers;
    }

    private static byte[] BuildRequest(ClientHandshakeOptions options, string key)
    {
        // RFC 6455 4.1 items 1-11: GET HTTP/1.1, Host, Upgrade: websocket, Connection: Upgrade,
        // Sec-WebSocket-Key, Sec-WebSocket-Version: 13, then the optional fields.
        var head = new StringBuilder();
        head.Append("GET ").Append(options.Path).Append(" HTTP/1.1\r\n");
        AppendField(head, "Host", options.Host);
        AppendField(head, "Upgrade", "websocket");
        AppendField(head, "Connection", "Upgrade");
        AppendField(head, "Sec-WebSocket-Key", key);
        AppendField(head, "Sec-WebSocket-Version", ServerHandshake.SupportedVersion);
        if (options.Origin is not null)
        {
            AppendField(head, "Origin", options.Origin);
        }

        if (options.Subprotocols.Count > 0)
        {
            AppendField(head, "Sec-WebSocket-Protocol", string.Join(", ", options.Subprotocols));
        }

        if (options.Extensions is not null)
        {
            AppendField(head, "Sec-WebSocket-Extensions", HttpSyntax.TrimOws(options.Extensions));
        }

        foreach (var field in options.ExtraHeaders)
        {
            AppendField(head, field.Name, field.Value);
        }

        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private static void AppendField(StringBuilder head, string name, string value) =>
        head.Append(name).Append(": ").Append(value).Append("\r\n");
}
