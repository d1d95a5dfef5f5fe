using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>
/// The JSON shape of bench.json: camelCase, nulls omitted, indented, enums by name; a figure that is not a number (NaN)
/// is written as the string "NaN" rather than failing the whole file. <see cref="Read"/> loads one back (for --compare).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(CamelCaseEnumConverter<BenchMode>), typeof(CamelCaseEnumConverter<MessageKind>)])]
[JsonSerializable(typeof(BenchDocument))]
internal sealed partial class BenchJson : JsonSerializerContext
{
    public const string FileName = "bench.json";

    /// <summary>bench.json's bytes, with quotes and '+' as themselves (a data file: the page encodes on its own).</summary>
    public static ReadOnlyMemory<byte> SerializeToUtf8(BenchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, document, Default.BenchDocument);
        }

        return buffer.WrittenMemory;
    }

    public static BenchDocument Parse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Default.BenchDocument) ?? throw new JsonException("bench.json holds null, not a bench document");

    /// <summary>Loads a bench.json written earlier; the message of the exception it throws names the file.</summary>
    public static BenchDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a bench.json: {e.Message}", e);
        }
    }

    public static async Task<BenchDocument> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a bench.json: {e.Message}", e);
        }
    }
}
