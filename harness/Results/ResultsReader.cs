using System.Text.Json;

namespace Conformance.Harness.Results;

/// <summary>Reads a results.json back (for <c>wsconform report</c> and baselines), with errors that name the file and the place.</summary>
public static class ResultsReader
{
    public static ResultsDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException($"{path}: cannot read it: {exception.Message}");
        }

        return Parse(bytes, path);
    }

    public static ResultsDocument Parse(ReadOnlySpan<byte> utf8, string source)
    {
        ResultsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, ResultsJson.Default.ResultsDocument);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : string.Empty;
            var field = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" {exception.Path}:";
            throw new ResultsFileException($"{source}{where}:{field} not a wsconform results file ({FirstSentence(exception.Message)})");
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

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>A results.json that cannot be read; the message names the file (and line, column and field when known).</summary>
public sealed class ResultsFileException(string message) : Exception(message);
