using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// Parses a Sec-WebSocket-Extensions value (several fields combined with ", " are one value)
/// per the grammar of RFC 6455 9.1, with the implied OWS of RFC 2616 2.1 around separators.
/// </summary>
public static class ExtensionHeaderParser
{
    /// <summary>Parses the value into its extensions, in order.</summary>
    /// <exception cref="ExtensionFormatException">The value breaks the grammar; the message names where and how.</exception>
    public static IReadOnlyList<ExtensionOffer> Parse(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        var reader = new Reader(headerValue);
        var extensions = new List<ExtensionOffer>();
        while (true)
        {
            reader.SkipOws();
            if (reader.AtEnd)
            {
                break;
            }

            // RFC 7230 7: empty list elements (", ,") are accepted and ignored.
            if (reader.Peek == ',')
            {
                reader.Advance();
                continue;
            }

            extensions.Add(ParseExtension(ref reader));
            reader.SkipOws();
            if (!reader.AtEnd)
            {
                if (reader.Peek != ',')
                {
                    throw new ExtensionFormatException($"expected ',' or ';' after extension \"{extensions[^1].Name}\" but found {HttpSyntax.Describe(reader.Peek)}", reader.Position);
                }

                reader.Advance();
            }
        }

        // RFC 6455 9.1: extension-list = 1#extension, at least one.
        if (extensions.Count == 0)
        {
            throw new ExtensionFormatException("the value names no extension (1#extension needs at least one)", reader.Position);
        }

        return extensions;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning the problem instead of throwing.</summary>
    public static bool TryParse(string headerValue, [NotNullWhen(true)] out IReadOnlyList<ExtensionOffer>? extensions, [NotNullWhen(false)] out ExtensionFormatException? error)
    {
        try
        {
            extensions = Parse(headerValue);
            error = null;
            return true;
        }
        catch (ExtensionFormatException exception)
        {
            extensions = null;
            error = exception;
            return false;
        }
    }

    private static ExtensionOffer ParseExtension(ref Reader reader)
    {
        // RFC 6455 9.1: extension-token = registered-token = token.
        var name = reader.ReadToken("an extension name");
        var parameters = new List<ExtensionParameter>();
        reader.SkipOws();
        while (!reader.AtEnd && reader.Peek == ';')
        {
            reader.Advance();
            reader.SkipOws();

            // RFC 6455 9.1: extension-param = token [ "=" (token | quoted-string) ].
            var parameterName = reader.ReadToken($"a parameter name in extension \"{name}\"");
            string? value = null;
            reader.SkipOws();
            if (!reader.AtEnd && reader.Peek == '=')
            {
                reader.Advance();
                reader.SkipOws();
                value = !reader.AtEnd && reader.Peek == '"'
                    ? reader.ReadQuotedToken(name, parameterName)
                    : reader.ReadToken($"a value for parameter \"{parameterName}\" of extension \"{name}\"");
                reader.SkipOws();
            }

            parameters.Add(new ExtensionParameter(parameterName, value));
        }

        return new ExtensionOffer(name, parameters);
    }

    private ref struct Reader(string text)
    {
        private readonly string _text = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly char Peek => _text[Position];

        public void Advance() => Position++;

        public void SkipOws()
        {
            while (!AtEnd && HttpSyntax.IsOws(Peek))
            {
                Position++;
            }
        }

        public string ReadToken(string what)
        {
            var start = Position;
            while (!AtEnd && HttpSyntax.IsTChar(Peek))
            {
                Position++;
            }

            if (Position == start)
            {
                var found = AtEnd ? "the end of the value" : HttpSyntax.Describe(Peek);
                throw new ExtensionFormatException($"expected {what} (a token) but found {found}", Position);
            }

            return _text[start..Position];
        }

        public string ReadQuotedToken(string extension, string parameter)
        {
            // RFC 7230 3.2.6: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ).
            var start = Position;
            Position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new ExtensionFormatException($"the quoted value of parameter \"{parameter}\" of extension \"{extension}\" has no closing '\"'", start);
                }

                var c = Peek;
                Position++;
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        throw new ExtensionFormatException($"the quoted value of parameter \"{parameter}\" ends in a lone backslash", Position - 1);
                    }

                    c = Peek;
                    Position++;
                }

                if (!HttpSyntax.IsFieldValueChar(c))
                {
                    throw new ExtensionFormatException($"the quoted value of parameter \"{parameter}\" holds {HttpSyntax.Describe(c)}", Position - 1);
                }

                value.Append(c);
            }

            // RFC 6455 9.1: "When using the quoted-string syntax variant, the value after quoted-string
            // unescaping MUST conform to the 'token' ABNF."
            var unquoted = value.ToString();
            if (!HttpSyntax.IsToken(unquoted))
            {
                throw new ExtensionFormatException($"the quoted value \"{unquoted}\" of parameter \"{parameter}\" of extension \"{extension}\" is not a token after unquoting", start);
            }

            return unquoted;
        }
    }
}
