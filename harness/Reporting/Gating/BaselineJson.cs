using System.Text.Json.Serialization;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>
/// The JSON shape of a baseline file: camelCase, nulls omitted, indented. Reading is lenient where a hand edit is
/// (comments, trailing commas) and strict where it matters (no null where none is allowed; <see cref="BaselineFile"/> checks each entry).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(Baseline))]
internal sealed partial class BaselineJson : JsonSerializerContext;
