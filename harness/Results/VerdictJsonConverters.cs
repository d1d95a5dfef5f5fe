using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Results;

/// <summary>A verdict in JSON as Autobahn spells it (OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED); any other spelling is an error.</summary>
public sealed class VerdictJsonConverter : JsonConverter<Verdict>
{
    public override Verdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && VerdictSpelling.TryParseVerdict(text, out var verdict)
            ? verdict
            : throw new JsonException($"unknown verdict '{reader.GetString()}' (expected {string.Join(", ", VerdictSpelling.InReportOrder)})");

    public override void Write(Utf8JsonWriter writer, Verdict value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToAutobahn());
    }
}

/// <summary>A close verdict in JSON as Autobahn spells it (OK, WRONG CODE, UNCLEAN, FAILED BY CLIENT, INFORMATIONAL, FAILED).</summary>
public sealed class CloseVerdictJsonConverter : JsonConverter<CloseVerdict>
{
    public override CloseVerdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && VerdictSpelling.TryParseCloseVerdict(text, out var verdict)
            ? verdict
            : throw new JsonException($"unknown close verdict '{reader.GetString()}' (expected {string.Join(", ", Enum.GetValues<CloseVerdict>().Select(v => v.ToAutobahn()))})");

    public override void Write(Utf8JsonWriter writer, CloseVerdict value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToAutobahn());
    }
}
