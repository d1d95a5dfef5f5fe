using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Harness.Results;

/// <summary>The JSON shape of results.json: camelCase, nulls omitted, indented for humans and diff tools.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ResultsDocument))]
internal sealed partial class ResultsJson : JsonSerializerContext
{
    public static string Serialize(ResultsDocument document) => JsonSerializer.Serialize(document, Default.ResultsDocument);
}
