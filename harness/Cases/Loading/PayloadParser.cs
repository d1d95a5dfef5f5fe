using System.Buffers.Binary;
using System.Text;
using Conformance.Harness.Cases.Generation;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Builds the bytes of a PAYLOAD: a string (its UTF-8 bytes), or one of <c>{ text }</c>, <c>{ hex }</c>,
/// <c>{ repeat, length }</c>, <c>{ repeat-hex, length }</c>, <c>{ close-code, reason | reason-hex }</c>,
/// <c>{ concat: [PAYLOAD...] }</c>. A null payload is empty.
/// </summary>
internal static class PayloadParser
{
    private static readonly string[] RepeatFields = ["repeat", "length"];
    private static readonly string[] RepeatHexFields = ["repeat-hex", "length"];
    private static readonly string[] CloseBodyFields = ["close-code", "reason", "reason-hex"];
    private static readonly string[] GenerateFields = ["generate", "length", "seed"];

    public static byte[] Parse(Node node, string path, FieldReader reader) => node switch
    {
        ScalarNode { IsNull: true } => [],
        ScalarNode { Kind: ScalarKind.String } scalar => Encoding.UTF8.GetBytes(scalar.Text),
        MappingNode => ParseMap(MapReader.Open(node, path, reader, CaseFields.Payload, "a payload"), reader),
        ScalarNode scalar => throw reader.Error(node, path,
            $"expected a payload (a string or a map with {Choices.Join(CaseFields.PayloadKinds)}), got {scalar.Describe()} (quote it: \"{scalar.Text}\")"),
        _ => throw reader.Error(node, path,
            $"expected a payload (a string or a map with {Choices.Join(CaseFields.PayloadKinds)}), got {node.Describe()}"),
    };

    private static byte[] ParseMap(MapReader map, FieldReader reader)
    {
        var kinds = map.Names.Where(name => CaseFields.PayloadKinds.Contains(name, StringComparer.Ordinal)).ToList();
        if (kinds.Count != 1)
        {
            var problem = kinds.Count == 0
                ? $"a payload map needs one of {Choices.Join(CaseFields.PayloadKinds)}"
                : $"a payload map has exactly one of {Choices.Join(CaseFields.PayloadKinds)}; found '{kinds[0]}' and '{kinds[1]}'";
            throw reader.Error(kinds.Count == 0 ? map.Node : map.Key(kinds[1]), kinds.Count == 0 ? map.Path : map.Field(kinds[1]), problem);
        }

        return kinds[0] switch
        {
            "text" => Only(map, ["text"], () => Encoding.UTF8.GetBytes(map.RequireString("text"))),
            "hex" => Only(map, ["hex"], () => Hex(map, "hex")),
            "repeat" => Only(map, RepeatFields, () => Repeat(map, Encoding.UTF8.GetBytes(map.RequireString("repeat")), "repeat")),
            "repeat-hex" => Only(map, RepeatHexFields, () => Repeat(map, Hex(map, "repeat-hex"), "repeat-hex")),
            "close-code" => Only(map, CloseBodyFields, () => CloseBody(map)),
            "generate" => Only(map, GenerateFields, () => Generate(map)),
            _ => Only(map, ["concat"], () => Concat(map, reader)),
        };
    }

    /// <summary>Rejects fields that belong to another payload kind (<c>length</c> with <c>hex</c>, say).</summary>
    private static byte[] Only(MapReader map, string[] allowed, Func<byte[]> build)
    {
        foreach (var name in map.Names)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw map.Reader.Error(map.Key(name), map.Field(name),
                    $"'{name}' does not go with '{allowed[0]}' (a {allowed[0]} payload has {Choices.Join(allowed)})");
            }
        }

        return build();
    }

    private static byte[] Hex(MapReader map, string name)
    {
        var node = map.Require(name);
        var text = map.Reader.Text(node, map.Field(name));
        return HexText.TryParse(text, out var bytes)
            ? bytes
            : throw map.Reader.Error(node, map.Field(name), $"expected hex digits, two per byte (spaces allowed between bytes), got '{text}'");
    }

    private static byte[] Repeat(MapReader map, byte[] pattern, string patternField)
    {
        if (pattern.Length == 0)
        {
            throw map.Reader.Error(map.Require(patternField), map.Field(patternField), "the pattern to repeat is empty");
        }

        var length = (int)map.Reader.Integer(map.Require("length"), map.Field("length"), 0, Array.MaxLength);
        return PayloadCache.Get($"repeat:{Convert.ToHexString(pattern)}:{length}", () =>
        {
            var bytes = GC.AllocateUninitializedArray<byte>(length);
            if (pattern.Length == 1)
            {
                bytes.AsSpan().Fill(pattern[0]);
                return bytes;
            }

            // Copy the pattern once, then double what is filled: a 16 MiB payload in 24 copies, not millions.
            var filled = Math.Min(pattern.Length, length);
            pattern.AsSpan(0, filled).CopyTo(bytes);
            while (filled < length)
            {
                var take = Math.Min(filled, length - filled);
                bytes.AsSpan(0, take).CopyTo(bytes.AsSpan(filled));
                filled += take;
            }

            return bytes;
        });
    }

    /// <summary><c>{ generate: json|bitmap|prose|html|pdf, length: N, seed: S }</c>: a data set made in code, the same for a seed everywhere.</summary>
    private static byte[] Generate(MapReader map)
    {
        var kindNode = map.Require("generate");
        var name = map.Reader.String(kindNode, map.Field("generate"));
        if (!DataGenerator.TryParseKind(name, out var kind))
        {
            throw map.Reader.Error(kindNode, map.Field("generate"), $"unknown data kind '{name}' (expected {Choices.Join(DataGenerator.KindNames)})");
        }

        var length = (int)map.Reader.Integer(map.Require("length"), map.Field("length"), 0, 64 * 1024 * 1024);
        var seed = map.Get("seed") is { } seedNode ? map.Reader.Integer(seedNode, map.Field("seed"), 0, long.MaxValue) : 1;
        return PayloadCache.Get($"generate:{kind}:{length}:{seed}", () => DataGenerator.Generate(kind, length, seed));
    }

    private static byte[] CloseBody(MapReader map)
    {
        var code = (ushort)map.Reader.Integer(map.Require("close-code"), map.Field("close-code"), 0, ushort.MaxValue);
        if (map.Has("reason") && map.Has("reason-hex"))
        {
            throw map.Reader.Error(map.Key("reason-hex"), map.Field("reason-hex"), "give reason or reason-hex, not both");
        }

        var reason = map.Has("reason-hex") ? Hex(map, "reason-hex")
            : map.OptionalString("reason") is { } text ? Encoding.UTF8.GetBytes(text)
            : [];
        var body = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, code);
        reason.CopyTo(body, 2);
        return body;
    }

    private static byte[] Concat(MapReader map, FieldReader reader)
    {
        var list = reader.List(map.Require("concat"), map.Field("concat"), "payloads");
        var parts = list.Items.Select((item, index) => Parse(item, FieldPath.Item(map.Field("concat"), index), reader)).ToList();
        var total = parts.Sum(part => (long)part.Length);
        if (total > Array.MaxLength)
        {
            throw reader.Error(list, map.Field("concat"), $"the payload would be {total} bytes, more than {Array.MaxLength}");
        }

        var bytes = new byte[total];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }

        return bytes;
    }
}
