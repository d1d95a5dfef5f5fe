using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Results;

/// <summary>An enum in JSON as Autobahn spells its values; any other spelling is an error naming the ones allowed.</summary>
public abstract class AutobahnSpellingConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    /// <summary>What a value is, for the error ("verdict").</summary>
    protected abstract string What { get; }

    /// <summary>Every spelling, in the order the error lists them.</summary>
    protected abstract IEnumerable<string> Spellings { get; }

    protected abstract string Spell(T value);

    protected abstract bool TryParse(string text, out T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && TryParse(text, out var value)
            ? value
            : throw new JsonException($"unknown {What} '{reader.GetString()}' (expected {string.Join(", ", Spellings)})");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Spell(value));
    }
}

/// <summary>A verdict in JSON as Autobahn spells it (OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED).</summary>
public sealed class VerdictJsonConverter : AutobahnSpellingConverter<Verdict>
{
    protected override string What => "verdict";

    protected override IEnumerable<string> Spellings => VerdictSpelling.InReportOrder;

    protected override string Spell(Verdict value) => value.ToAutobahn();

    protected override bool TryParse(string text, out Verdict value) => VerdictSpelling.TryParseVerdict(text, out value);
}

/// <summary>A close verdict in JSON as Autobahn spells it (OK, WRONG CODE, UNCLEAN, FAILED BY CLIENT, INFORMATIONAL, FAILED).</summary>
public sealed class CloseVerdictJsonConverter : AutobahnSpellingConverter<CloseVerdict>
{
    protected override string What => "close verdict";

    protected override IEnumerable<string> Spellings => Enum.GetValues<CloseVerdict>().Select(value => value.ToAutobahn());

    protected override string Spell(CloseVerdict value) => value.ToAutobahn();

    protected override bool TryParse(string text, out CloseVerdict value) => VerdictSpelling.TryParseCloseVerdict(text, out value);
}
