using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Harness.Results;

/// <summary>
/// The JSON shape of results.json: camelCase, nulls omitted, indented for humans and diff tools, and readable text
/// (quotes, apostrophes and '+' as themselves: this is a data file; every view that renders it encodes on its own).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ResultsDocument))]
internal sealed partial class ResultsJson : JsonSerializerContext
{
    public static ReadOnlyMemory<byte> SerializeToUtf8(ResultsDocument document)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, document, Default.ResultsDocument);
        }

        return buffer.WrittenMemory;
    }
}
