using System.Reflection;
using System.Text.Json;
using Conformance.Harness.Cases.Loading;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

/// <summary>
/// cases/schema.json (used by editors) must stay in step with what the loader accepts: every table of names the loader
/// checks (<see cref="CaseFields"/>) has its place in the schema, and the names there are the same. A difference fails
/// with the list of what to add to or remove from the schema, table by table.
/// </summary>
public class CaseSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Cases, "schema.json"))).RootElement;

    /// <summary>The loader's tables of field names, and the schema map (a JSON pointer) whose properties they are.</summary>
    private static readonly Dictionary<string, string> FieldTables = new(StringComparer.Ordinal)
    {
        [nameof(CaseFields.TopLevel)] = string.Empty,
        [nameof(CaseFields.Matrix)] = "/properties/matrix/anyOf/1",
        [nameof(CaseFields.Outcomes)] = "/properties/expect",
        [nameof(CaseFields.Frame)] = "/$defs/frame",
        [nameof(CaseFields.SendFrame)] = "/$defs/sendFrame",
        [nameof(CaseFields.Steps)] = "/$defs/step",
        [nameof(CaseFields.SendAll)] = "/$defs/step/properties/send-all/anyOf/0",
        [nameof(CaseFields.Raw)] = "/$defs/step/properties/raw/anyOf/0",
        [nameof(CaseFields.Pause)] = "/$defs/step/properties/pause/anyOf/1",
        [nameof(CaseFields.CloseStep)] = "/$defs/step/properties/close/anyOf/3",
        [nameof(CaseFields.RoundTrips)] = "/$defs/step/properties/round-trips",
        [nameof(CaseFields.RoundTripWindow)] = "/$defs/step/properties/round-trips/properties/window",
        [nameof(CaseFields.Payload)] = "/$defs/payloadMap",
        [nameof(CaseFields.Event)] = "/$defs/event",
        [nameof(CaseFields.Close)] = "/$defs/close",
        [nameof(CaseFields.Handshake)] = "/$defs/handshake",
        [nameof(CaseFields.HandshakeDeflate)] = "/$defs/handshake/properties/deflate/anyOf/1",
        [nameof(CaseFields.HandshakeFiller)] = "/$defs/handshake/properties/add-filler",
        [nameof(CaseFields.HandshakeChop)] = "/$defs/handshake/properties/chop",
        [nameof(CaseFields.Survives)] = "/properties/survives/anyOf/1",
        [nameof(CaseFields.HandshakeResponse)] = "/$defs/handshake/properties/response",
    };

    /// <summary>Tables of the one key a map must have: each name is the required field of one <c>oneOf</c> alternative.</summary>
    private static readonly Dictionary<string, string> KindTables = new(StringComparer.Ordinal)
    {
        [nameof(CaseFields.PayloadKinds)] = "/$defs/payloadMap",
        [nameof(CaseFields.EventKinds)] = "/$defs/event",
    };

    /// <summary>Tables of values (not field names): the <c>enum</c> at each pointer.</summary>
    private static readonly Dictionary<string, string[]> ValueTables = new(StringComparer.Ordinal)
    {
        [nameof(CaseFields.WritePatterns)] =
        [
            "/$defs/sendFrame/properties/writes/anyOf/0",
            "/$defs/step/properties/send-all/anyOf/0/properties/writes/anyOf/0",
        ],
        [nameof(CaseFields.RoleNames)] = ["/properties/roles/items"],
    };

    /// <summary>Tables that are parts of others (checked there) or lists the test compares on its own.</summary>
    private static readonly string[] Parts = [nameof(CaseFields.ChopFields), nameof(CaseFields.TopLevelRequired)];

    [Fact]
    public void The_schema_is_draft_2020_12_and_closed()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Every_table_of_the_loader_has_its_place_in_the_schema()
    {
        var tables = typeof(CaseFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(string[]))
            .Select(field => field.Name);

        var placed = FieldTables.Keys.Concat(KindTables.Keys).Concat(ValueTables.Keys).Concat(Parts).ToHashSet(StringComparer.Ordinal);
        var unplaced = tables.Where(table => !placed.Contains(table)).ToList();
        Assert.True(unplaced.Count == 0, $"CaseFields tables with no place in this test's map of cases/schema.json: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void The_schema_lists_the_names_of_every_table_of_the_loader()
    {
        var differences = new List<string>();
        foreach (var (table, pointer) in FieldTables)
        {
            if (Resolve(pointer, differences, table) is not { } map)
            {
                continue;
            }

            Compare(differences, table, pointer, "properties", Table(table), map.GetProperty("properties").EnumerateObject().Select(property => property.Name));
            if (!map.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                differences.Add($"{Label(pointer)} (CaseFields.{table}): not closed; add \"additionalProperties\": false");
            }
        }

        foreach (var (table, pointer) in KindTables)
        {
            if (Resolve(pointer, differences, table) is { } map)
            {
                var kinds = map.GetProperty("oneOf").EnumerateArray().Select(alternative => Assert.Single(alternative.GetProperty("required").EnumerateArray()).GetString()!);
                Compare(differences, table, pointer, "oneOf required", Table(table), kinds);
            }
        }

        foreach (var (table, pointers) in ValueTables)
        {
            foreach (var pointer in pointers)
            {
                if (Resolve(pointer, differences, table) is { } values)
                {
                    Compare(differences, table, pointer, "enum", Table(table), values.GetProperty("enum").EnumerateArray().Select(value => value.GetString()!));
                }
            }
        }

        Compare(differences, nameof(CaseFields.TopLevelRequired), string.Empty, "required", CaseFields.TopLevelRequired,
            Schema.GetProperty("required").EnumerateArray().Select(value => value.GetString()!));
        Assert.True(differences.Count == 0, $"cases/schema.json differs from the loader (harness/Cases/Loading/CaseFields.cs):\n{string.Join('\n', differences)}");
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var definitions = Schema.GetProperty("$defs").EnumerateObject().Select(property => property.Name).ToHashSet();
        var references = References(Schema).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference["#/$defs/".Length..], definitions));
    }

    private static void Compare(List<string> differences, string table, string pointer, string what, IEnumerable<string> loader, IEnumerable<string> schema)
    {
        var expected = loader.ToHashSet(StringComparer.Ordinal);
        var actual = schema.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(name => !actual.Contains(name)).ToList();
        var extra = actual.Where(name => !expected.Contains(name)).ToList();
        string[] changes =
        [
            .. missing.Count > 0 ? [$"add {string.Join(", ", missing)}"] : Array.Empty<string>(),
            .. extra.Count > 0 ? [$"remove {string.Join(", ", extra)}"] : Array.Empty<string>(),
        ];
        if (changes.Length > 0)
        {
            differences.Add($"{Label(pointer)} {what} (CaseFields.{table}): {string.Join("; ", changes)}");
        }
    }

    private static string[] Table(string name) => (string[])typeof(CaseFields).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static string Label(string pointer) => $"#{pointer}";

    /// <summary>Follows a JSON pointer (RFC 6901) from the schema's root; where nothing is there, says so.</summary>
    private static JsonElement? Resolve(string pointer, List<string> differences, string table)
    {
        var element = Schema;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            var found = element.ValueKind switch
            {
                JsonValueKind.Array when int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength() => element[index],
                JsonValueKind.Object when element.TryGetProperty(token, out var child) => child,
                _ => (JsonElement?)null,
            };
            if (found is null)
            {
                differences.Add($"{Label(pointer)} (CaseFields.{table}): nothing there (no '{token}'); the schema moved, or the table's place in this test is wrong");
                return null;
            }

            element = found.Value;
        }

        return element;
    }

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property is { Name: "$ref", Value.ValueKind: JsonValueKind.String } ? [property.Value.GetString()!] : References(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
