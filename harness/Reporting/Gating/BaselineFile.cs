using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>Reads and writes baseline files (pretty JSON in a stable order, so they diff well in review).</summary>
public static class BaselineFile
{
    public static void Write(Baseline baseline, string path)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        JsonSerializer.Serialize(writer, baseline, BaselineJson.Default.Baseline);
    }

    public static Baseline Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BaselineFileException($"{path}: cannot read the baseline: {exception.Message}");
        }

        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize(bytes, BaselineJson.Default.Baseline);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : string.Empty;
            var field = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" {exception.Path}:";
            throw new BaselineFileException($"{path}{where}:{field} not a wsconform baseline ({exception.Message.Split(". ")[0].TrimEnd('.')})");
        }

        if (baseline is null || baseline.Schema != Baseline.SchemaId)
        {
            throw new BaselineFileException($"{path}: schema is '{baseline?.Schema}', this wsconform reads '{Baseline.SchemaId}'");
        }

        return baseline;
    }
}

/// <summary>A baseline file that cannot be read; the message names the file (and line, column and field when known).</summary>
public sealed class BaselineFileException(string message) : Exception(message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(Baseline))]
internal sealed partial class BaselineJson : JsonSerializerContext;
