namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// The product form of a matrix: <c>matrix: { product: { AXIS: [rows], AXIS: [rows], ... } }</c>. One case per
/// combination of one row of each axis, its variables the union of those rows' (no name in two axes). Combinations come
/// in the order of an odometer: the first axis varies slowest, the last fastest.
/// </summary>
internal static class MatrixProduct
{
    private const string Path = "matrix.product";

    public static IReadOnlyList<MatrixRow> Read(MapReader matrix)
    {
        var reader = matrix.Reader;
        var product = matrix.Require("product");
        var field = matrix.Field("product");
        if (product is not MappingNode { Entries.Count: > 0 } axes)
        {
            throw reader.Error(product, field, $"expected the axes of the product (a map of AXIS: [rows]), got {(product is MappingNode ? "an empty map" : product.Describe())}");
        }

        var owners = new Dictionary<string, (string Axis, Position At)>(StringComparer.Ordinal);
        var tables = new List<(string Axis, IReadOnlyList<MatrixTable.Row> Rows)>();
        foreach (var (key, value) in axes.Entries)
        {
            var axisPath = FieldPath.Child(field, key.Text);
            if (!MatrixTable.IsVariableName(key.Text))
            {
                throw reader.Error(key, axisPath, $"'{key.Text}' is not an axis name (letters, digits, _ and -)");
            }

            var rows = MatrixTable.Read(value, axisPath, key.Text, reader);
            CheckNoCollision(key.Text, rows[0], axisPath, key, owners, reader);
            tables.Add((key.Text, rows));
        }

        return Combine(tables);
    }

    /// <summary>A variable set by two axes would make a combination ambiguous.</summary>
    private static void CheckNoCollision(string axis, MatrixTable.Row first, string axisPath, ScalarNode axisKey, Dictionary<string, (string Axis, Position At)> owners, FieldReader reader)
    {
        foreach (var name in first.Variables.Keys)
        {
            var (at, path) = first.At is MappingNode map
                ? (map.Entries.First(entry => entry.Key.Text == name).Key.At, FieldPath.Child(FieldPath.Item(axisPath, 0), name))
                : (axisKey.At, axisPath);
            if (owners.TryGetValue(name, out var owner))
            {
                throw new CaseFileException(reader.File, at.Line, at.Column, path,
                    $"'{name}' is already a variable of axis '{owner.Axis}' (line {owner.At.Line}); each variable belongs to one axis");
            }

            owners.Add(name, (axis, at));
        }
    }

    private static List<MatrixRow> Combine(List<(string Axis, IReadOnlyList<MatrixTable.Row> Rows)> tables)
    {
        var combinations = new List<MatrixRow>();
        var indices = new int[tables.Count];
        while (true)
        {
            var variables = new Dictionary<string, Node>(StringComparer.Ordinal);
            foreach (var (table, index) in tables.Zip(indices))
            {
                foreach (var (name, value) in table.Rows[index].Variables)
                {
                    variables.Add(name, value);
                }
            }

            var label = $"{Path}: {string.Join(", ", tables.Zip(indices, (table, index) => FieldPath.Item(table.Axis, index)))}";
            combinations.Add(new MatrixRow(label, variables));

            // The odometer: the last axis turns fastest.
            var axis = tables.Count - 1;
            while (axis >= 0 && ++indices[axis] == tables[axis].Rows.Count)
            {
                indices[axis--] = 0;
            }

            if (axis < 0)
            {
                return combinations;
            }
        }
    }
}
