using System.Buffers.Binary;
using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads a FRAME map: <c>opcode</c> (a name or 0-15), <c>fin</c>, <c>rsv</c> (0-7), <c>payload</c>, <c>mask</c>
/// (true, false or an 8-hex-digit key), <c>length</c> (a lying length) and <c>length-form</c> (7, 16 or 64).
/// </summary>
internal static class FrameParser
{
    private static readonly string[] OpcodeNames = ["continuation", "text", "binary", "close", "ping", "pong"];

    /// <summary>Reads the frame fields of <paramref name="map"/>; the caller opened it with the fields it allows.</summary>
    /// <remarks><c>slice: [FROM, TO]</c> writes only bytes FROM..TO-1 of the serialised frame; it needs a fixed key.</remarks>
    public static FrameSpec Parse(MapReader map)
    {
        var reader = map.Reader;
        var payload = map.Get("payload") is { } payloadNode ? PayloadParser.Parse(payloadNode, map.Field("payload"), reader) : [];
        var frame = new FrameSpec
        {
            Opcode = ParseOpcode(map.Require("opcode"), map.Field("opcode"), reader),
            Fin = map.OptionalBool("fin", defaultValue: true),
            Rsv = map.Get("rsv") is { } rsv ? (int)reader.Integer(rsv, map.Field("rsv"), 0, 7) : 0,
            // RFC 7692 6: a frame whose RSV bits the case wrote itself is never compressed by the harness.
            AsGiven = map.Has("rsv"),
            Payload = payload,
            LengthOverride = map.Get("length") is { } length ? reader.UnsignedInteger(length, map.Field("length")) : null,
            LengthForm = map.Get("length-form") is { } form ? ParseLengthForm(form, map.Field("length-form"), reader) : LengthEncoding.Minimal,
        };
        frame = map.Get("mask") is { } mask ? WithMask(frame, mask, map.Field("mask"), reader) : frame;
        CheckLengthFits(frame, map);
        return map.Get("slice") is { } slice ? WithSlice(frame, slice, map.Field("slice"), reader) : frame;
    }

    /// <summary>
    /// Reads a frame that may carry <c>fragment: N</c>: its payload is then split into N-byte frames, the first with the
    /// frame's opcode and FIN clear, the rest continuations, FIN on the last as the frame says (RFC 6455 5.4).
    /// <c>fragment: 0</c> is the frame whole, as without <c>fragment</c> (so a family's rows can choose).
    /// </summary>
    public static IReadOnlyList<FrameSpec> ParseFragmented(MapReader map)
    {
        var frame = Parse(map);
        if (map.Get("fragment") is not { } node)
        {
            return [frame];
        }

        var field = map.Field("fragment");
        var size = (int)map.Reader.Integer(node, field, 0, int.MaxValue);
        if (size == 0)
        {
            return [frame];
        }

        if (frame.LengthOverride is not null || frame.SliceFrom is not null || frame.LengthForm != LengthEncoding.Minimal)
        {
            throw map.Reader.Error(node, field, "fragment does not go with length, length-form or slice");
        }

        var payload = frame.Payload;
        var count = Math.Max(1, (payload.Length + size - 1) / size);
        return [.. Enumerable.Range(0, count).Select(i => frame with
        {
            Opcode = i == 0 ? frame.Opcode : (byte)Opcode.Continuation,
            Fin = i == count - 1 && frame.Fin,
            Payload = PayloadCache.Intern(payload.AsSpan()[Math.Min(payload.Length, i * size)..Math.Min(payload.Length, (i + 1) * size)]),
        })];
    }

    private static byte ParseOpcode(Node node, string field, FieldReader reader)
    {
        var index = node is ScalarNode { Kind: ScalarKind.String } name ? Array.IndexOf(OpcodeNames, name.Text) : -1;
        if (index >= 0)
        {
            return (byte)new[] { Opcode.Continuation, Opcode.Text, Opcode.Binary, Opcode.Close, Opcode.Ping, Opcode.Pong }[index];
        }

        if (node is ScalarNode { Kind: ScalarKind.Integer } number && ScalarResolver.TryParseInteger(number.Text, out var value) && value >= 0 && value <= 15)
        {
            return (byte)value;
        }

        var text = node is ScalarNode scalar ? scalar.Text : node.Describe();
        throw reader.Error(node, field, $"unknown opcode '{text}' (expected {string.Join(", ", OpcodeNames)} or 0-15)");
    }

    private static LengthEncoding ParseLengthForm(Node node, string field, FieldReader reader) =>
        node is ScalarNode { Kind: ScalarKind.Integer, Text: var text } ? text switch
        {
            "7" => LengthEncoding.Bits7,
            "16" => LengthEncoding.Bits16,
            "64" => LengthEncoding.Bits64,
            _ => throw reader.Error(node, field, $"expected 7, 16 or 64, got {text}"),
        }
        : throw reader.Error(node, field, $"expected 7, 16 or 64, got {node.Describe()}");

    private static FrameSpec WithMask(FrameSpec frame, Node node, string field, FieldReader reader)
    {
        if (node is ScalarNode { Kind: ScalarKind.Bool } flag)
        {
            return frame with { Masked = ScalarResolver.ParseBool(flag.Text), MaskChosen = true };
        }

        // An all-digit key such as 12345678 resolves to a number; its text is still the key.
        if (node is ScalarNode { IsNull: false } scalar && scalar.Text.Length == 8 && HexText.TryParse(scalar.Text, out var key))
        {
            return frame with { Masked = true, MaskKey = BinaryPrimitives.ReadUInt32BigEndian(key) };
        }

        throw reader.Error(node, field, $"expected true, false or an 8-hex-digit key such as 37fa213d, got {node.Describe()}");
    }

    private static FrameSpec WithSlice(FrameSpec frame, Node node, string field, FieldReader reader)
    {
        var list = reader.List(node, field, "two byte offsets [FROM, TO]");
        if (list.Items.Count != 2)
        {
            throw reader.Error(list, field, $"expected [FROM, TO] (two byte offsets), got {list.Items.Count} items");
        }

        var size = SerialisedSize(frame);
        var from = (int)reader.Integer(list.Items[0], FieldPath.Item(field, 0), 0, size - 1);
        var to = (int)reader.Integer(list.Items[1], FieldPath.Item(field, 1), from + 1, size);
        return frame.Masked && frame.MaskKey is null
            ? throw reader.Error(node, field, "a slice needs a fixed mask key (mask: 0a0b0c0d) or mask: false, so every slice serialises the same frame")
            : frame with { SliceFrom = from, SliceTo = to };
    }

    /// <summary>Bytes the frame takes on the wire: header (2, the extended length, the key) and the real payload.</summary>
    private static long SerialisedSize(FrameSpec frame)
    {
        var length = frame.LengthOverride ?? (ulong)frame.Payload.Length;
        var form = frame.LengthForm == LengthEncoding.Minimal ? LengthEncodingRules.MinimalFor(length) : frame.LengthForm;
        return 2L + LengthEncodingRules.ExtraBytes(form) + (frame.Masked ? 4 : 0) + frame.Payload.Length;
    }

    private static void CheckLengthFits(FrameSpec frame, MapReader map)
    {
        var length = frame.LengthOverride ?? (ulong)frame.Payload.Length;
        var limit = frame.LengthForm switch
        {
            LengthEncoding.Bits7 => 125UL,
            LengthEncoding.Bits16 => ushort.MaxValue,
            _ => ulong.MaxValue,
        };
        if (length > limit)
        {
            throw map.Reader.Error(map.Require("length-form"), map.Field("length-form"),
                $"a length of {length} does not fit the {(frame.LengthForm == LengthEncoding.Bits7 ? 7 : 16)}-bit form (at most {limit})");
        }
    }
}
