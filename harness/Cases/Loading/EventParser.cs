using System.Text.RegularExpressions;
using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads <c>expect</c>: a map from verdict (<c>OK</c>, <c>NON-STRICT</c>) to a list of events, each one of
/// <c>message: text|binary</c> (with <c>payload</c>, or <c>length</c> and optional <c>sha256</c>), <c>ping: PAYLOAD</c>,
/// <c>pong: PAYLOAD</c> or <c>mark: NAME</c>.
/// </summary>
internal static partial class EventParser
{
    private static readonly string[] MessageFields = ["message", "payload", "length", "sha256", "repeat"];

    public static IReadOnlyList<KeyValuePair<Verdict, IReadOnlyList<ExpectedEvent>>> ParseOutcomes(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.Outcomes, "outcomes by verdict");
        return
        [
            .. map.Names.Select(name => new KeyValuePair<Verdict, IReadOnlyList<ExpectedEvent>>(
                name == "OK" ? Verdict.Ok : Verdict.NonStrict,
                ParseEvents(map.Require(name), map.Field(name), reader))),
        ];
    }

    private static IReadOnlyList<ExpectedEvent> ParseEvents(Node node, string path, FieldReader reader) =>
        [.. reader.List(node, path, "expected events").Items.SelectMany((item, index) => Repeated(item, FieldPath.Item(path, index), reader))];

    /// <summary>An event, or <c>repeat: N</c> copies of a message (the echoes of a round-trips step).</summary>
    private static IEnumerable<ExpectedEvent> Repeated(Node node, string path, FieldReader reader)
    {
        var expected = Parse(node, path, reader);
        var map = MapReader.Open(node, path, reader, CaseFields.Event, "an expected event");
        var count = map.Get("repeat") is { } repeat ? (int)reader.Integer(repeat, map.Field("repeat"), 1, 100_000) : 1;
        return Enumerable.Repeat(expected, count);
    }

    private static ExpectedEvent Parse(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.Event, "an expected event");
        var kinds = map.Names.Where(name => CaseFields.EventKinds.Contains(name, StringComparer.Ordinal)).ToList();
        if (kinds.Count != 1)
        {
            throw kinds.Count == 0
                ? reader.Error(node, path, $"an expected event is one of {Choices.Join(CaseFields.EventKinds)}")
                : reader.Error(map.Key(kinds[1]), map.Field(kinds[1]),
                    $"an expected event has one of {Choices.Join(CaseFields.EventKinds)}; found '{kinds[0]}' and '{kinds[1]}'");
        }

        var kind = kinds[0];
        var extra = map.Names.FirstOrDefault(name => name != kind && !(kind == "echo" && name == "repeat") && (kind != "message" || !MessageFields.Contains(name, StringComparer.Ordinal)));
        if (extra is not null)
        {
            throw reader.Error(map.Key(extra), map.Field(extra), $"'{extra}' does not go with '{kind}' (write {kind}: VALUE)");
        }

        var value = map.Require(kind);
        var field = map.Field(kind);
        return kind switch
        {
            "message" => Message(map),
            "ping" => new ExpectedPing(PayloadParser.Parse(value, field, reader)),
            "pong" => new ExpectedPong(PayloadParser.Parse(value, field, reader)),
            "echo" => new ExpectedEcho(MessageType(value, field, reader)),
            _ => new ExpectedMark(reader.Line(value, field)),
        };
    }

    private static bool MessageType(Node node, string field, FieldReader reader) => reader.String(node, field) switch
    {
        "text" => false,
        "binary" => true,
        var other => throw reader.Error(node, field, $"expected text or binary, got '{other}'"),
    };

    private static ExpectedMessage Message(MapReader map)
    {
        var reader = map.Reader;
        var type = map.RequireString("message");
        if (type is not ("text" or "binary"))
        {
            throw reader.Error(map.Require("message"), map.Field("message"), $"expected text or binary, got '{type}'");
        }

        var binary = type == "binary";
        if (map.Has("payload") == map.Has("length"))
        {
            throw map.Has("payload")
                ? reader.Error(map.Key("length"), map.Field("length"), "give payload or length, not both")
                : reader.Error(map.Node, map.Field("payload"), "a message needs payload (exact bytes) or length (with optional sha256)");
        }

        if (map.Has("payload"))
        {
            return map.Has("sha256")
                ? throw reader.Error(map.Key("sha256"), map.Field("sha256"), "sha256 goes with length, not with payload")
                : new ExpectedMessage(binary, PayloadParser.Parse(map.Require("payload"), map.Field("payload"), reader));
        }

        var length = reader.Integer(map.Require("length"), map.Field("length"), 0, long.MaxValue);
        string? sha256 = null;
        if (map.Get("sha256") is { } hashNode)
        {
            sha256 = reader.Text(hashNode, map.Field("sha256"));
            if (!Sha256Pattern().IsMatch(sha256))
            {
                throw reader.Error(hashNode, map.Field("sha256"), $"expected 64 hex digits, got '{sha256}'");
            }

            sha256 = sha256.ToLowerInvariant();
        }

        return new ExpectedMessage(binary, null, length, sha256);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
