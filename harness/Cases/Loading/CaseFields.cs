namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// The field names each map of a case file accepts, in the order the README documents them. The parsers reject any
/// other name, and a test checks that <c>cases/schema.json</c> lists the same ones.
/// </summary>
internal static class CaseFields
{
    public static readonly string[] TopLevel =
    [
        "id", "title", "spec", "level", "autobahn", "stimulus", "requirement", "handshake", "steps", "expect", "close",
        "timeout", "on-timeout", "informational", "roles", "survives", "matrix",
    ];

    public static readonly string[] TopLevelRequired =
    [
        "id", "title", "spec", "level", "stimulus", "requirement", "steps", "expect", "close",
    ];

    /// <summary>The product form of <c>matrix</c> (its list form has no field names).</summary>
    public static readonly string[] Matrix = ["product"];

    public static readonly string[] Frame = ["opcode", "fin", "rsv", "payload", "mask", "length", "length-form", "slice", "fragment"];

    public static readonly string[] ChopFields = ["chop", "chop-delay"];

    public static readonly string[] SendFrame = [.. Frame, "writes", .. ChopFields];

    public static readonly string[] SendAll = ["frames", "writes", .. ChopFields];

    /// <summary>The values of <c>writes</c> (not field names): how a step's frames are grouped into writes.</summary>
    public static readonly string[] WritePatterns = [WritesParser.One, WritesParser.PerFrame];

    public static readonly string[] Raw = ["bytes", .. ChopFields];

    public static readonly string[] Pause = ["duration", "mark"];

    public static readonly string[] CloseStep = ["code", "reason"];

    public static readonly string[] Steps = ["send", "send-all", "raw", "pause", "close", "shutdown", "round-trips"];

    public static readonly string[] RoundTrips = ["count", "frame", "window"];

    public static readonly string[] RoundTripWindow = ["data", "size"];

    public static readonly string[] PayloadKinds = ["text", "hex", "repeat", "repeat-hex", "close-code", "concat", "generate"];

    public static readonly string[] Payload = [.. PayloadKinds, "length", "reason", "reason-hex", "seed"];

    public static readonly string[] Outcomes = ["OK", "NON-STRICT"];

    public static readonly string[] EventKinds = ["message", "ping", "pong", "mark", "echo"];

    public static readonly string[] Event = [.. EventKinds, "payload", "length", "sha256", "repeat"];

    public static readonly string[] Close = ["by", "codes", "clean", "wrong-code-fails", "harness-closing-fails"];

    public static readonly string[] Handshake =
    [
        "method", "http-version", "set", "add", "add-filler", "raw", "chop", "frames-with-request", "plain-http", "expect-status",
        "expect-headers", "expect-absent", "deflate", "response",
    ];

    /// <summary>The values of <c>roles</c>.</summary>
    public static readonly string[] RoleNames = ["server", "client"];

    public static readonly string[] HandshakeResponse = ["status", "set", "add"];

    public static readonly string[] HandshakeDeflate = ["offer", "if-declined"];

    public static readonly string[] HandshakeFiller = ["count", "value-length"];

    public static readonly string[] HandshakeChop = ["size", "delay"];

    public static readonly string[] Survives = ["answer-within"];
}
