namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads typed values out of nodes of one case file, and makes the located errors. <see cref="Row"/> names the matrix
/// row a family member came from, so an error in a template says which row it broke in.
/// </summary>
internal sealed class FieldReader(string file, string? row = null)
{
    public string File => file;

    public string? Row => row;

    public FieldReader ForRow(string? matrixRow) => new(file, matrixRow);

    public CaseFileException Error(Node node, string field, string problem) =>
        new(file, node.At.Line, node.At.Column, field, row is null ? problem : $"{problem} ({row})");

    public SequenceNode List(Node node, string field, string what) =>
        node as SequenceNode ?? throw Error(node, field, $"expected a list of {what}, got {node.Describe()}");

    /// <summary>A string scalar; a number, boolean or null is an error (quote it to make it a string).</summary>
    public string String(Node node, string field) => node switch
    {
        ScalarNode { Kind: ScalarKind.String } scalar => scalar.Text,
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float or ScalarKind.Bool } scalar =>
            throw Error(node, field, $"expected a string, got {scalar.Describe()} (quote it: \"{scalar.Text}\")"),
        _ => throw Error(node, field, $"expected a string, got {node.Describe()}"),
    };

    /// <summary>A string that must not be empty or span lines.</summary>
    public string Line(Node node, string field)
    {
        var text = String(node, field);
        return text.Trim().Length == 0 || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? throw Error(node, field, "expected one non-empty line")
            : text;
    }

    /// <summary>The text of any non-null scalar, whatever it resolves to (hex digits such as <c>00</c>, header values such as <c>13</c>).</summary>
    public string Text(Node node, string field) => node switch
    {
        ScalarNode { IsNull: false } scalar => scalar.Text,
        _ => throw Error(node, field, $"expected a value, got {node.Describe()}"),
    };

    public bool Bool(Node node, string field) => node is ScalarNode { Kind: ScalarKind.Bool } scalar
        ? ScalarResolver.ParseBool(scalar.Text)
        : throw Error(node, field, $"expected true or false, got {node.Describe()}");

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public long Integer(Node node, string field, long min, long max) => (long)BigInteger(node, field, min, max);

    public ulong UnsignedInteger(Node node, string field) => (ulong)BigInteger(node, field, 0, ulong.MaxValue);

    public TimeSpan Duration(Node node, string field)
    {
        var text = node is ScalarNode { Kind: ScalarKind.String } scalar ? scalar.Text : null;
        return text is not null && DurationText.TryParse(text, out var duration)
            ? duration
            : throw Error(node, field, $"expected a duration such as 250ms, 1s, 1.5s or 10m, got {node.Describe()}");
    }

    private Int128 BigInteger(Node node, string field, Int128 min, Int128 max)
    {
        if (node is not ScalarNode { Kind: ScalarKind.Integer } scalar)
        {
            var hint = node is ScalarNode { Kind: ScalarKind.String } text && ScalarResolver.Resolve(text.Text) == ScalarKind.Integer
                ? " (write it without quotes)"
                : string.Empty;
            throw Error(node, field, $"expected an integer, got {node.Describe()}{hint}");
        }

        return ScalarResolver.TryParseInteger(scalar.Text, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, field, $"{scalar.Text} is out of range ({min}-{max})");
    }
}
