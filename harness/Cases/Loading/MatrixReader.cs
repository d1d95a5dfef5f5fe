namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads a family's <c>matrix</c> into its rows, in either form: a list of rows (maps of variables), or
/// <c>{ product: { AXIS: [rows], ... } }</c> (<see cref="MatrixProduct"/>).
/// </summary>
internal static class MatrixReader
{
    public static IReadOnlyList<MatrixRow> Read(Node matrix, FieldReader reader) => matrix switch
    {
        SequenceNode => [.. MatrixTable.Read(matrix, "matrix", axis: null, reader).Select((row, index) => new MatrixRow(FieldPath.Item("matrix", index), row.Variables))],
        MappingNode map => MatrixProduct.Read(OpenProduct(map, reader)),
        _ => throw reader.Error(matrix, "matrix", $"expected a list of rows (maps of variables) or {{ product: ... }}, got {matrix.Describe()}"),
    };

    private static MapReader OpenProduct(MappingNode map, FieldReader reader)
    {
        if (map.Entries.FirstOrDefault(entry => entry.Key.Text != "product").Key is { } other)
        {
            throw reader.Error(other, FieldPath.Child("matrix", other.Text),
                $"unknown field '{other.Text}': a matrix is a list of rows (- {{ {other.Text}: ..., ... }}) or {{ product: {{ AXIS: [rows], ... }} }}");
        }

        return MapReader.Open(map, "matrix", reader, CaseFields.Matrix, "a matrix");
    }
}
