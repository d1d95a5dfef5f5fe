namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// A mistake in a case file, located to the file, line, column and field. <see cref="Exception.Message"/> and
/// <see cref="ToString"/> are one line: <c>cases/framing/x.yaml:12:7: steps[2].send.opcode: unknown opcode 'txt' (...)</c>.
/// </summary>
public sealed class CaseFileException : Exception
{
    public CaseFileException()
        : this(string.Empty, 1, 1, string.Empty, "invalid case file")
    {
    }

    public CaseFileException(string message)
        : this(string.Empty, 1, 1, string.Empty, message)
    {
    }

    public CaseFileException(string message, Exception innerException)
        : this(string.Empty, 1, 1, string.Empty, message, innerException)
    {
    }

    public CaseFileException(string file, int line, int column, string field, string problem, Exception? innerException = null)
        : base(Format(file, line, column, field, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file as the loader was given it, e.g. <c>cases/framing/x.yaml</c>.</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The field's path, e.g. <c>steps[2].send.opcode</c>; empty for a YAML syntax error or a file-level problem.</summary>
    public string Field { get; }

    /// <summary>The problem alone, without the location.</summary>
    public string Problem { get; }

    public override string ToString() => Message;

    private static string Format(string file, int line, int column, string field, string problem)
    {
        var oneLine = problem.ReplaceLineEndings(" ");
        return field.Length == 0 ? $"{file}:{line}:{column}: {oneLine}" : $"{file}:{line}:{column}: {field}: {oneLine}";
    }
}
