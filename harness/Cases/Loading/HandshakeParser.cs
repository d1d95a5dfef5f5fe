using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads <c>handshake</c>: edits to the valid request (<c>method</c>, <c>http-version</c>, <c>set</c>, <c>add</c>) or a
/// whole <c>raw</c> head, how to write it (<c>chop</c>, <c>frames-with-request</c>) and what the response must be
/// (<c>expect-status</c>, <c>expect-headers</c>, <c>expect-absent</c>).
/// </summary>
internal static class HandshakeParser
{
    private static readonly string[] RequestEdits = ["method", "http-version", "set", "add", "add-filler"];

    public static HandshakeSpec Parse(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.Handshake, "a handshake");
        if (map.Has("raw") && RequestEdits.FirstOrDefault(map.Has) is { } edit)
        {
            throw reader.Error(map.Key(edit), map.Field(edit), $"raw replaces the whole request, so '{edit}' has no effect; remove one of them");
        }

        return new HandshakeSpec
        {
            Method = map.Get("method") is { } method ? Token(method, map.Field("method"), reader) : null,
            HttpVersion = map.Get("http-version") is { } version ? Token(version, map.Field("http-version"), reader) : null,
            SetHeaders = map.Get("set") is { } set ? SetHeaders(set, map.Field("set"), reader) : [],
            AddHeaders = [.. map.Get("add") is { } add ? AddHeaders(add, map.Field("add"), reader) : [],
                .. map.Get("add-filler") is { } filler ? Filler(MapReader.Open(filler, map.Field("add-filler"), reader, CaseFields.HandshakeFiller, "an add-filler map")) : []],
            RawRequest = map.OptionalString("raw"),
            Chop = map.Get("chop") is { } chop ? ChopParser.FromMap(chop, map.Field("chop"), reader) : null,
            FramesWithRequest = map.OptionalBool("frames-with-request", defaultValue: false),
            PlainHttp = map.OptionalBool("plain-http", defaultValue: false),
            ExpectStatus = map.Get("expect-status") is { } status ? Statuses(status, map.Field("expect-status"), reader) : [101],
            ExpectHeaders = map.Get("expect-headers") is { } expected ? ExpectHeaders(expected, map.Field("expect-headers"), reader) : [],
            ExpectAbsent = map.Get("expect-absent") is { } absent ? Names(absent, map.Field("expect-absent"), reader) : [],
            Deflate = map.Get("deflate") is { } deflate ? Deflate(deflate, map, reader) : null,
            Response = map.Get("response") is { } response ? Response(response, map.Field("response"), reader) : null,
        };
    }

    /// <summary><c>response: { status: 200, set: { Upgrade: null }, add: [ { Sec-WebSocket-Accept: "{accept}" } ] }</c>: the harness's own response, bent.</summary>
    private static ResponseEdits Response(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.HandshakeResponse, "a response map");
        return new ResponseEdits
        {
            Status = map.Get("status") is { } status ? (int)reader.Integer(status, map.Field("status"), 100, 599) : null,
            SetHeaders = map.Get("set") is { } set ? SetHeaders(set, map.Field("set"), reader) : [],
            AddHeaders = map.Get("add") is { } add ? AddHeaders(add, map.Field("add"), reader) : [],
        };
    }

    /// <summary>
    /// <c>deflate: true</c> (the default offer) or <c>deflate: { offer: "permessage-deflate; ...", if-declined: unimplemented|continue }</c>:
    /// the offer goes out as Sec-WebSocket-Extensions exactly as written (RFC 7692 5), so invalid offers can be made too.
    /// </summary>
    private static DeflateOffer? Deflate(Node node, MapReader handshake, FieldReader reader)
    {
        var path = handshake.Field("deflate");
        if (handshake.Has("raw"))
        {
            throw reader.Error(handshake.Key("deflate"), path, "raw replaces the whole request, so deflate cannot add its offer; write the offer in raw or remove raw");
        }

        if (handshake.Get("set") is MappingNode set && set.Entries.Select(entry => entry.Key).FirstOrDefault(key => string.Equals(key.Text, "Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase)) is { } field)
        {
            throw reader.Error(field, FieldPath.Child(handshake.Field("set"), field.Text), "deflate sets Sec-WebSocket-Extensions itself; write the offer in deflate.offer");
        }

        if (node is ScalarNode { Kind: ScalarKind.Bool })
        {
            return reader.Bool(node, path) ? new DeflateOffer(DeflateOffer.DefaultOffer) : null;
        }

        var map = MapReader.Open(node, path, reader, CaseFields.HandshakeDeflate, "true or a deflate map");
        var offer = map.Get("offer") is { } offerNode ? Value(offerNode, map.Field("offer"), reader) : DeflateOffer.DefaultOffer;
        var declined = map.Get("if-declined") is { } declinedNode
            ? reader.String(declinedNode, map.Field("if-declined")) switch
            {
                "unimplemented" => DeflateDeclined.Unimplemented,
                "continue" => DeflateDeclined.Continue,
                var other => throw reader.Error(declinedNode, map.Field("if-declined"), $"expected unimplemented or continue, got '{other}'"),
            }
            : DeflateDeclined.Unimplemented;
        return new DeflateOffer(offer, declined);
    }

    /// <summary><c>add-filler: { count: N, value-length: L }</c>: N fields X-Wsconform-Filler-1.. with L-byte values, for size limits.</summary>
    private static List<KeyValuePair<string, string>> Filler(MapReader map)
    {
        var count = (int)map.Reader.Integer(map.Require("count"), map.Field("count"), 1, 100_000);
        var length = (int)map.Reader.Integer(map.Require("value-length"), map.Field("value-length"), 1, 16 * 1024 * 1024);
        var value = new string('f', length);
        return [.. Enumerable.Range(1, count).Select(i => new KeyValuePair<string, string>($"X-Wsconform-Filler-{i}", value))];
    }

    private static List<KeyValuePair<string, string?>> SetHeaders(Node node, string path, FieldReader reader) =>
        [.. Fields(node, path, reader).Select(field => new KeyValuePair<string, string?>(
            field.Name, field.Value is ScalarNode { IsNull: true } ? null : Value(field.Value, field.Path, reader)))];

    /// <summary>A list of one-field maps (<c>- { Name: value }</c>), in order; a map with several fields adds them in order.</summary>
    private static List<KeyValuePair<string, string>> AddHeaders(Node node, string path, FieldReader reader) =>
        [
            .. reader.List(node, path, "header maps such as { Sec-WebSocket-Protocol: chat }").Items
                .SelectMany((item, index) => Fields(item, FieldPath.Item(path, index), reader))
                .Select(field => new KeyValuePair<string, string>(field.Name, Value(field.Value, field.Path, reader))),
        ];

    private static List<KeyValuePair<string, string>> ExpectHeaders(Node node, string path, FieldReader reader) =>
        [.. Fields(node, path, reader).Select(field => new KeyValuePair<string, string>(field.Name, Value(field.Value, field.Path, reader)))];

    private static List<(string Name, Node Value, string Path)> Fields(Node node, string path, FieldReader reader)
    {
        var map = node as MappingNode ?? throw reader.Error(node, path, $"expected a map of header fields, got {node.Describe()}");
        return
        [
            .. map.Entries.Select(entry => (
                HeaderName(entry.Key, FieldPath.Child(path, entry.Key.Text), reader),
                entry.Value,
                FieldPath.Child(path, entry.Key.Text))),
        ];
    }

    private static List<string> Names(Node node, string path, FieldReader reader) =>
        [.. reader.List(node, path, "header names").Items.Select((item, index) => HeaderName(item, FieldPath.Item(path, index), reader))];

    private static List<int> Statuses(Node node, string path, FieldReader reader)
    {
        var list = reader.List(node, path, "status codes");
        return list.Items.Count == 0
            ? throw reader.Error(list, path, "expected at least one status code")
            : [.. list.Items.Select((item, index) => (int)reader.Integer(item, FieldPath.Item(path, index), 100, 599))];
    }

    /// <summary>RFC 9110 5.1: a field name is a token.</summary>
    private static string HeaderName(Node node, string path, FieldReader reader)
    {
        var name = reader.Text(node, path);
        return IsToken(name) ? name : throw reader.Error(node, path, $"'{name}' is not a header field name (a token: letters, digits, !#$%&'*+-.^_`|~)");
    }

    private static string Token(Node node, string path, FieldReader reader)
    {
        var text = reader.Text(node, path);
        return IsToken(text) ? text : throw reader.Error(node, path, $"'{text}' is not a token (no spaces or separators)");
    }

    private static string Value(Node node, string path, FieldReader reader)
    {
        var value = reader.Text(node, path);
        return value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? throw reader.Error(node, path, "a header value must not contain CR or LF (use raw for a malformed request)")
            : value;
    }

    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
