namespace Conformance.ReferenceImpl.Handshake;

/// <summary>A Sec-WebSocket-Extensions value does not follow the grammar of RFC 6455 9.1.</summary>
public sealed class ExtensionFormatException : FormatException
{
    /// <summary>The grammar every message of this exception cites.</summary>
    public const string Rule = "RFC 6455 9.1: extension-list = 1#extension; extension = extension-token *( \";\" extension-param ); extension-param = token [ \"=\" (token | quoted-string) ]";

    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, in words a user can act on.</param>
    /// <param name="position">The zero-based character index in the header value where it is wrong.</param>
    public ExtensionFormatException(string problem, int position)
        : base($"Sec-WebSocket-Extensions: {problem} at character {position} ({Rule})")
    {
        Problem = problem;
        Position = position;
    }

    /// <summary>What is wrong, without position or rule.</summary>
    public string Problem { get; }

    /// <summary>The zero-based character index in the header value where it is wrong.</summary>
    public int Position { get; }
}
