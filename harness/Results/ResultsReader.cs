using System.Text.Json;

namespace Conformance.Harness.Results;

/// <summary>Reads a results.json back (for <c>wsconform report</c> and baselines), with errors that name the file and the place.</summary>
public static class ResultsReader
{
    public static ResultsDocument Read(string path) => Parse(JsonFileText.ReadAll(path, message => new ResultsFileException(message)), path);

    public static ResultsDocument Parse(ReadOnlySpan<byte> utf8, string source)
    {
        ResultsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, ResultsJson.Default.ResultsDocument);
        }
        catch (JsonException exception)
        {
            throw new ResultsFileException(JsonFileText.Describe(exception, source, "wsconform results file"));
        }

        if (document is null)
        {
            throw new ResultsFileException($"{source}: empty (null) results document");
        }

        if (document.Schema != ResultsDocument.SchemaId)
        {
            throw new ResultsFileException($"{source}: schema is '{document.Schema}', this wsconform reads '{ResultsDocument.SchemaId}'");
        }

        return document;
    }
}

/// <summary>A results.json that cannot be read; the message names the file (and line, column and field when known).</summary>
public sealed class ResultsFileException(string message) : Exception(message);
