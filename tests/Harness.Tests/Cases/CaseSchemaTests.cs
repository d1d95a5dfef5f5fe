using System.Text.Json;
using Conformance.Harness.Cases.Loading;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

/// <summary>cases/schema.json (used by editors) must stay in step with what the loader accepts.</summary>
public class CaseSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Cases, "schema.json"))).RootElement;

    [Fact]
    public void The_schema_is_draft_2020_12_and_closed()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void The_schema_lists_every_top_level_field_the_loader_accepts()
    {
        Assert.Equal(CaseLoader.TopLevelFields.Order(), PropertyNames(Schema).Order());
        Assert.Equal(CaseLoader.RequiredTopLevelFields.Order(), Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order());
    }

    [Theory]
    [InlineData("frame")]
    [InlineData("sendFrame")]
    [InlineData("payloadMap")]
    [InlineData("event")]
    [InlineData("close")]
    [InlineData("handshake")]
    [InlineData("step")]
    public void The_schema_lists_the_fields_of_each_map_the_loader_accepts(string definition)
    {
        string[] expected = definition switch
        {
            "frame" => CaseFields.Frame,
            "sendFrame" => CaseFields.SendFrame,
            "payloadMap" => CaseFields.Payload,
            "event" => CaseFields.Event,
            "close" => CaseFields.Close,
            "handshake" => CaseFields.Handshake,
            _ => CaseFields.Steps,
        };
        var schema = Schema.GetProperty("$defs").GetProperty(definition);

        Assert.Equal(expected.Order(), PropertyNames(schema).Order());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var definitions = Schema.GetProperty("$defs").EnumerateObject().Select(property => property.Name).ToHashSet();
        var references = References(Schema).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference["#/$defs/".Length..], definitions));
    }

    private static IEnumerable<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(property => property.Name);

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
            property is { Name: "$ref", Value.ValueKind: JsonValueKind.String } ? [property.Value.GetString()!] : References(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
