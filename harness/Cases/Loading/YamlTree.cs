namespace Conformance.Harness.Cases.Loading;

/// <summary>A 1-based line and column in a case file.</summary>
internal readonly record struct Position(int Line, int Column);

/// <summary>What a plain YAML scalar resolves to (YAML 1.2 core schema); quoted and block scalars are strings.</summary>
internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Integer,
    Float,
}

/// <summary>A YAML node that remembers where it was written, so every error can name a line and column.</summary>
internal abstract record Node(Position At)
{
    /// <summary>What the node is, for error messages: "a map", "a list", "the number 5.6".</summary>
    public abstract string Describe();
}

internal sealed record ScalarNode(string Text, ScalarKind Kind, Position At) : Node(At)
{
    public bool IsNull => Kind == ScalarKind.Null;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "nothing (null)",
        ScalarKind.Bool => $"the boolean {Text}",
        ScalarKind.Integer or ScalarKind.Float => $"the number {Text}",
        _ => $"the string \"{Text}\"",
    };
}

internal sealed record MappingNode(IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries, Position At) : Node(At)
{
    public override string Describe() => "a map";
}

internal sealed record SequenceNode(IReadOnlyList<Node> Items, Position At) : Node(At)
{
    public override string Describe() => "a list";
}
