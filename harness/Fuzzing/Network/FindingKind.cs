namespace Conformance.Harness.Fuzzing.Network;

/// <summary>What a network campaign finds.</summary>
public enum FindingKind
{
    /// <summary>The supervised server exited (an exit code or a signal).</summary>
    Crash,

    /// <summary>The supervised server is alive but no longer answers a fresh handshake and ping.</summary>
    Hang,

    /// <summary>The supervised server's resident memory grew past the bound.</summary>
    Leak,

    /// <summary>The server never closed a connection after the client closed its side of TCP.</summary>
    StuckConnection,

    /// <summary>Without supervision: the server stopped answering (a crash or a hang, which cannot be told apart from outside).</summary>
    Unresponsive,
}

public static class FindingKindText
{
    public static string Slug(this FindingKind kind) => kind switch
    {
        FindingKind.StuckConnection => "stuck",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The RFC rules a finding of this kind breaks, and their level (RFC 6455 7.1.7 and 10.4 MUST; 7.1.1 SHOULD).</summary>
    public static (string[] Spec, string Level, string Requirement) Rule(this FindingKind kind) => kind switch
    {
        FindingKind.StuckConnection => (["RFC 6455 7.1.1"], "SHOULD",
            "Once the client has closed its side of TCP the connection is closed (RFC 6455 7.1.1, 7.1.4): the server closes its side too, and keeps answering new connections."),
        FindingKind.Leak => (["RFC 6455 10.4"], "MUST",
            "An implementation MUST protect itself against exceeding its limits (RFC 6455 10.4): serving this input again and again does not grow the server's memory without bound, and it keeps answering new connections."),
        _ => (["RFC 6455 7.1.7", "RFC 6455 10.4"], "MUST",
            "Invalid input fails this one connection (RFC 6455 7.1.7), and an implementation MUST protect itself (10.4): afterwards the server still answers a fresh opening handshake and ping."),
    };
}
