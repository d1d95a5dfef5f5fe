namespace Conformance.Harness.Cases.Model;

/// <summary>
/// How the harness, as the server, bends its opening handshake response for a case that tests a client (RFC 6455 4.1:
/// a client must fail the connection on a response that breaks the rules). Edits apply in order to the valid response;
/// "{accept}" in a value stands for the correct Sec-WebSocket-Accept.
/// </summary>
public sealed record ResponseEdits
{
    /// <summary>The status code to answer instead of 101.</summary>
    public int? Status { get; init; }

    /// <summary>Header fields to set (replacing any of the same name) or, with a null value, to remove.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> SetHeaders { get; init; } = [];

    /// <summary>Header fields to add after the others (duplicates allowed).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AddHeaders { get; init; } = [];

    /// <summary>The value that stands for the correct Sec-WebSocket-Accept in an edit.</summary>
    public const string AcceptPlaceholder = "{accept}";
}
