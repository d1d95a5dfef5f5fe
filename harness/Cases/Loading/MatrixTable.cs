using System.Text.RegularExpressions;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads a list of rows, each a map of variables that all set the same names: the whole matrix in its list form, or one
/// axis of a product. An axis may also list plain values (<c>writes: [one, per-frame]</c>): each is then a row that sets
/// the variable named after the axis.
/// </summary>
internal static partial class MatrixTable
{
    /// <summary>One row of the table: its variables and the node it was written as.</summary>
    public sealed record Row(Dictionary<string, Node> Variables, Node At);

    /// <summary>Reads the table at <paramref name="path"/>; <paramref name="axis"/> is null for the list form.</summary>
    public static IReadOnlyList<Row> Read(Node node, string path, string? axis, FieldReader reader)
    {
        var list = reader.List(node, path, axis is null ? "rows (maps of variables)" : "rows (maps of variables) or values");
        if (list.Items.Count == 0)
        {
            throw reader.Error(list, path, "expected at least one row");
        }

        var rows = new List<Row>();
        foreach (var (item, index) in list.Items.Select((item, index) => (item, index)))
        {
            var row = ReadRow(item, FieldPath.Item(path, index), axis, reader);
            if (rows.Count > 0)
            {
                CheckSameVariables(rows[0], row, path, FieldPath.Item(path, index), axis, reader);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Whether <paramref name="name"/> can be a variable: letters, digits, <c>_</c> and <c>-</c>.</summary>
    public static bool IsVariableName(string name) => NamePattern().IsMatch(name);

    private static Row ReadRow(Node item, string path, string? axis, FieldReader reader)
    {
        if (item is not MappingNode map)
        {
            return axis is null
                ? throw reader.Error(item, path, $"expected a row (a map of variables), got {item.Describe()}")
                : new Row(new Dictionary<string, Node>(StringComparer.Ordinal) { [axis] = item }, item);
        }

        foreach (var (key, _) in map.Entries)
        {
            if (!IsVariableName(key.Text))
            {
                throw reader.Error(key, FieldPath.Child(path, key.Text), $"'{key.Text}' is not a variable name (letters, digits, _ and -); if it is part of a value, quote that value (a comma ends an unquoted value inside {{ }})");
            }
        }

        return new Row(map.Entries.ToDictionary(entry => entry.Key.Text, entry => entry.Value, StringComparer.Ordinal), map);
    }

    private static void CheckSameVariables(Row first, Row row, string tablePath, string path, string? axis, FieldReader reader)
    {
        var firstPath = FieldPath.Item(tablePath, 0);
        if (axis is not null && first.At is MappingNode != row.At is MappingNode)
        {
            throw reader.Error(row.At, path, $"{firstPath} is {(first.At is MappingNode ? "a row (a map of variables)" : "a plain value")} and this is not; write every item of axis '{axis}' the same way");
        }

        if (first.Variables.Keys.FirstOrDefault(name => !row.Variables.ContainsKey(name)) is { } missing)
        {
            throw reader.Error(row.At, FieldPath.Child(path, missing), $"this row has no '{missing}', which {firstPath} has (every row sets the same variables)");
        }

        if (row.Variables.Keys.FirstOrDefault(name => !first.Variables.ContainsKey(name)) is { } extra)
        {
            var key = ((MappingNode)row.At).Entries.First(entry => entry.Key.Text == extra).Key;
            throw reader.Error(key, FieldPath.Child(path, extra), $"{firstPath} has no '{extra}' (every row sets the same variables)");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
