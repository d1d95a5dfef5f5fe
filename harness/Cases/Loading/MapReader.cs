namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads the fields of one YAML map at a field path. Opening it rejects unknown field names (a typo must not pass
/// silently); <see cref="Require"/> names a missing field.
/// </summary>
internal sealed class MapReader
{
    private readonly Dictionary<string, Node> values;
    private readonly Dictionary<string, ScalarNode> keys;

    private MapReader(MappingNode node, string path, FieldReader reader)
    {
        Node = node;
        Path = path;
        Reader = reader;
        values = node.Entries.ToDictionary(entry => entry.Key.Text, entry => entry.Value, StringComparer.Ordinal);
        keys = node.Entries.ToDictionary(entry => entry.Key.Text, entry => entry.Key, StringComparer.Ordinal);
    }

    public MappingNode Node { get; }

    /// <summary>The map's own path; fields are <c>Path.name</c>.</summary>
    public string Path { get; }

    public FieldReader Reader { get; }

    /// <summary>Field names present, in file order.</summary>
    public IEnumerable<string> Names => Node.Entries.Select(entry => entry.Key.Text);

    /// <summary>Opens <paramref name="node"/> as a map of <paramref name="allowed"/> fields; <paramref name="what"/> describes it ("a frame").</summary>
    public static MapReader Open(Node node, string path, FieldReader reader, IReadOnlyList<string> allowed, string what)
    {
        if (node is not MappingNode mapping)
        {
            throw reader.Error(node, path, $"expected {what} (a map), got {node.Describe()}");
        }

        foreach (var (key, _) in mapping.Entries)
        {
            if (!allowed.Contains(key.Text, StringComparer.Ordinal))
            {
                throw reader.Error(key, FieldPath.Child(path, key.Text), $"unknown field '{key.Text}' (expected {Choices.Join(allowed)})");
            }
        }

        return new MapReader(mapping, path, reader);
    }

    public bool Has(string name) => values.ContainsKey(name);

    public Node? Get(string name) => values.GetValueOrDefault(name);

    public Node Require(string name) =>
        values.GetValueOrDefault(name) ?? throw Reader.Error(Node, Field(name), "required field is missing");

    /// <summary>The key node of a field, for errors about the field as a whole.</summary>
    public ScalarNode Key(string name) => keys[name];

    public string Field(string name) => FieldPath.Child(Path, name);

    public string RequireString(string name) => Reader.String(Require(name), Field(name));

    public string? OptionalString(string name) => Get(name) is { } node ? Reader.String(node, Field(name)) : null;

    public bool OptionalBool(string name, bool defaultValue) => Get(name) is { } node ? Reader.Bool(node, Field(name)) : defaultValue;

    public TimeSpan OptionalDuration(string name, TimeSpan defaultValue) =>
        Get(name) is { } node ? Reader.Duration(node, Field(name)) : defaultValue;
}
