namespace Conformance.ReferenceImpl.Handshake;

/// <summary>
/// An opening handshake head breaks a rule. Carries the HTTP status a server answers with, so a
/// caller never guesses which code a rule maps to (for a response head parsed by a client the
/// status is what the same fault in a request would get; a client fails the connection instead).
/// </summary>
public sealed class HandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The status a server answers with, e.g. 400, 414, 426, 431, 505.</param>
    /// <param name="rule">The rule broken, citing its RFC section, e.g. "RFC 6455 4.2.1 item 2: ...".</param>
    /// <param name="problem">What was found, in words a user can act on.</param>
    public HandshakeException(int statusCode, string rule, string problem)
        : base($"{problem} ({rule})")
    {
        StatusCode = statusCode;
        Rule = rule;
        Problem = problem;
    }

    /// <summary>The HTTP status a server answers with.</summary>
    public int StatusCode { get; }

    /// <summary>The rule broken, citing its RFC section.</summary>
    public string Rule { get; }

    /// <summary>What was found, without the rule.</summary>
    public string Problem { get; }
}
