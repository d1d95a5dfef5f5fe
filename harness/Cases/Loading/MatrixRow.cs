namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// One row of a family's matrix: its variables, and the label errors name it by (<c>matrix[3]</c> in a list of rows,
/// <c>matrix.product: data[1], size[4]</c> in a product).
/// </summary>
internal sealed record MatrixRow(string Label, IReadOnlyDictionary<string, Node> Variables);
