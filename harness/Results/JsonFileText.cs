using System.Text.Json;

namespace Conformance.Harness.Results;

/// <summary>Reading the JSON files wsconform writes (results, baselines): one way to read them, one shape of error message.</summary>
internal static class JsonFileText
{
    /// <summary>The file's bytes; a read error becomes <paramref name="error"/>("PATH: cannot read it: ...").</summary>
    public static byte[] ReadAll(string path, Func<string, Exception> error)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw error($"{path}: cannot read it: {exception.Message}");
        }
    }

    /// <summary>"SOURCE:LINE:COLUMN: $.field: not a WHAT (problem)": where a JSON file went wrong, in words a user can act on.</summary>
    public static string Describe(JsonException exception, string source, string what)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : string.Empty;
        var field = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" {exception.Path}:";
        var end = exception.Message.IndexOf(". ", StringComparison.Ordinal);
        var problem = end < 0 ? exception.Message.TrimEnd('.') : exception.Message[..end];
        return $"{source}{where}:{field} not a {what} ({problem})";
    }
}
