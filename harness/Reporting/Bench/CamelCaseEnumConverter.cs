using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Harness.Reporting.Bench;

/// <summary>An enum as its camelCase name ("echo", "hold", "binary") in bench.json, as every other name there is spelled.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
