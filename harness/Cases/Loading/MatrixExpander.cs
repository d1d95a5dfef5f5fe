using System.Text.RegularExpressions;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Expands a family: the file minus <c>matrix</c> is a template, and each row of <c>matrix</c> (a map of variables;
/// in a product, one row of each axis, see <see cref="MatrixReader"/>) gives one case. Every <c>{name}</c> in a string
/// scalar is replaced by the row's value; a scalar that is exactly <c>"{name}"</c> becomes the row's value itself,
/// keeping its type (a number stays a number, a map stays a map).
/// </summary>
internal static partial class MatrixExpander
{
    /// <summary>One expanded case: its root map and the row it came from (null for a file without matrix).</summary>
    public sealed record Member(MappingNode Root, string? Row);

    public static IReadOnlyList<Member> Expand(MappingNode root, FieldReader reader)
    {
        var matrix = root.Entries.FirstOrDefault(entry => entry.Key.Text == "matrix").Value;
        if (matrix is null)
        {
            return [new Member(root, null)];
        }

        var template = root with { Entries = [.. root.Entries.Where(entry => entry.Key.Text != "matrix")] };
        return [.. MatrixReader.Read(matrix, reader).Select(row => new Member((MappingNode)Substitute(template, string.Empty, row.Variables, reader.ForRow(row.Label)), row.Label))];
    }

    private static Node Substitute(Node node, string path, IReadOnlyDictionary<string, Node> row, FieldReader reader) => node switch
    {
        ScalarNode scalar => SubstituteScalar(scalar, path, row, reader),
        SequenceNode sequence => sequence with
        {
            Items = [.. sequence.Items.Select((item, index) => Substitute(item, FieldPath.Item(path, index), row, reader))],
        },
        MappingNode mapping when IsUnquotedPlaceholder(mapping, row) is { } name => Retype(row[name], mapping.At),
        MappingNode mapping => mapping with
        {
            Entries = [.. mapping.Entries.Select(entry => new KeyValuePair<ScalarNode, Node>(entry.Key, Substitute(entry.Value, FieldPath.Child(path, entry.Key.Text), row, reader)))],
        },
        _ => node,
    };

    /// <summary>
    /// An unquoted <c>{name}</c> is YAML for the map <c>{ name: null }</c>; in a family, when name is a variable, it can
    /// only mean the placeholder.
    /// </summary>
    private static string? IsUnquotedPlaceholder(MappingNode mapping, IReadOnlyDictionary<string, Node> row) =>
        mapping.Entries is [{ Key.Text: var name, Value: ScalarNode { IsNull: true } }] && row.ContainsKey(name) ? name : null;

    private static Node SubstituteScalar(ScalarNode scalar, string path, IReadOnlyDictionary<string, Node> row, FieldReader reader)
    {
        if (scalar.Kind != ScalarKind.String)
        {
            return scalar;
        }

        var whole = PlaceholderPattern().Match(scalar.Text);
        if (whole.Success && whole.Length == scalar.Text.Length && row.TryGetValue(whole.Groups["name"].Value, out var value))
        {
            return Retype(value, scalar.At);
        }

        var replaced = false;
        var text = PlaceholderPattern().Replace(scalar.Text, match =>
        {
            if (!row.TryGetValue(match.Groups["name"].Value, out var variable))
            {
                return match.Value;
            }

            replaced = true;
            return variable is ScalarNode { IsNull: false } variableScalar
                ? variableScalar.Text
                : throw reader.Error(scalar, path,
                    $"'{match.Value}' stands inside a string, so its value must be a plain value, not {variable.Describe()}");
        });
        return replaced ? scalar with { Text = text, Kind = ScalarKind.String } : scalar;
    }

    /// <summary>The row's value at the template's position, so errors point where the placeholder was written.</summary>
    private static Node Retype(Node value, Position at) => value is ScalarNode scalar ? scalar with { At = at } : value;

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_-]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
