namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads how the frames of a <c>send</c> or <c>send-all</c> step are grouped into writes: <c>writes: one</c> (the
/// default: every frame in one write) or <c>writes: per-frame</c> (each frame its own write, exactly as consecutive
/// <c>send</c> steps). A matrix variable can choose, so one file covers both write patterns.
/// </summary>
internal static class WritesParser
{
    public const string One = "one";

    public const string PerFrame = "per-frame";

    /// <summary>Whether the step writes each frame on its own.</summary>
    public static bool IsPerFrame(MapReader map) => map.Get("writes") switch
    {
        null => false,
        ScalarNode { Kind: ScalarKind.String, Text: One } => false,
        ScalarNode { Kind: ScalarKind.String, Text: PerFrame } => true,
        var node => throw map.Reader.Error(node, map.Field("writes"), $"expected {Choices.Join(CaseFields.WritePatterns)}, got {node.Describe()}"),
    };
}
