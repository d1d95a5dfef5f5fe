using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads <c>steps</c>: each item is a map with one action, <c>send</c>, <c>send-all</c>, <c>raw</c>, <c>pause</c>,
/// <c>close</c> or <c>shutdown</c>. A <c>send</c> or <c>send-all</c> with <c>writes: per-frame</c> becomes one
/// <see cref="SendFrameStep"/> per frame: the same steps as consecutive <c>send</c>s, so the runner, the budget and the
/// report see nothing new.
/// </summary>
internal static class StepParser
{
    public static IReadOnlyList<Step> ParseAll(Node node, string path, FieldReader reader) =>
        [.. reader.List(node, path, "steps").Items.SelectMany((item, index) => Parse(item, FieldPath.Item(path, index), reader))];

    private static IEnumerable<Step> Parse(Node node, string path, FieldReader reader)
    {
        var step = MapReader.Open(node, path, reader, CaseFields.Steps, "a step");
        var actions = step.Names.ToList();
        if (actions.Count != 1)
        {
            throw actions.Count == 0
                ? reader.Error(node, path, $"a step needs one action: {Choices.Join(CaseFields.Steps)}")
                : reader.Error(step.Key(actions[1]), step.Field(actions[1]),
                    $"a step has one action; this one has '{actions[0]}' and '{actions[1]}' (make them two steps)");
        }

        var action = actions[0];
        var value = step.Require(action);
        var field = step.Field(action);
        var source = new SourceLocation(reader.File, node.At.Line, node.At.Column);
        return action switch
        {
            "send" => SendFrame(MapReader.Open(value, field, reader, CaseFields.SendFrame, "a frame"), source),
            "send-all" => SendAll(MapReader.Open(value, field, reader, CaseFields.SendAll, "a send-all map"), source),
            "raw" => [SendRaw(MapReader.Open(value, field, reader, CaseFields.Raw, "a raw map"), source)],
            "pause" => [Pause(value, field, reader, source)],
            "close" => [Close(value, field, reader, source)],
            "round-trips" => [RoundTrips(MapReader.Open(value, field, reader, CaseFields.RoundTrips, "a round-trips map"), source)],
            _ => [Shutdown(value, field, reader, source)],
        };
    }

    /// <summary>A frame, or several with <c>fragment</c>; one frame alone is a <see cref="SendFrameStep"/>.</summary>
    private static IEnumerable<Step> SendFrame(MapReader map, SourceLocation source) =>
        Send(FrameParser.ParseFragmented(map), map, source, oneFrameAlone: true);

    /// <summary>
    /// Frames written as the step's <c>writes</c> says: one <see cref="SendFramesStep"/> (one write, chopped as a
    /// whole), or with <c>writes: per-frame</c> a <see cref="SendFrameStep"/> each (each chopped on its own).
    /// </summary>
    private static IEnumerable<Step> Send(IReadOnlyList<FrameSpec> frames, MapReader map, SourceLocation source, bool oneFrameAlone = false)
    {
        var chop = ChopParser.FromStepFields(map);
        return WritesParser.IsPerFrame(map) || (oneFrameAlone && frames.Count == 1)
            ? [.. frames.Select(frame => new SendFrameStep(frame, chop, source))]
            : [new SendFramesStep(frames, chop, source)];
    }

    private static RoundTripStep RoundTrips(MapReader map, SourceLocation source)
    {
        var count = (int)map.Reader.Integer(map.Require("count"), map.Field("count"), 1, 100_000);
        var frameMap = MapReader.Open(map.Require("frame"), map.Field("frame"), map.Reader, CaseFields.Frame, "a frame");
        var frame = FrameParser.Parse(frameMap);
        // fragment: 0 sends each message in one frame, as no fragment does (so a family's rows can choose).
        var fragment = frameMap.Get("fragment") is { } size ? (int)map.Reader.Integer(size, frameMap.Field("fragment"), 0, int.MaxValue) : 0;
        var window = map.Get("window") is { } windowNode ? Window(MapReader.Open(windowNode, map.Field("window"), map.Reader, CaseFields.RoundTripWindow, "a window map"), frame, frameMap) : null;
        return new RoundTripStep(frame, count, source) { Fragment = fragment > 0 ? fragment : null, Window = window };
    }

    /// <summary><c>window: { data: PAYLOAD, size: N }</c>: each message is the next N bytes of the data, wrapping (Autobahn 12/13).</summary>
    private static RoundTripWindow Window(MapReader map, FrameSpec frame, MapReader frameMap)
    {
        if (frame.Payload.Length > 0)
        {
            throw map.Reader.Error(frameMap.Key("payload"), frameMap.Field("payload"), "with window the payloads come from the window's data; remove payload");
        }

        var data = PayloadParser.Parse(map.Require("data"), map.Field("data"), map.Reader);
        var size = (int)map.Reader.Integer(map.Require("size"), map.Field("size"), 0, 64 * 1024 * 1024);
        return data.Length == 0 && size > 0
            ? throw map.Reader.Error(map.Require("data"), map.Field("data"), "the data is empty, so no window of it can be sent")
            : new RoundTripWindow(data, size);
    }

    private static IEnumerable<Step> SendAll(MapReader map, SourceLocation source)
    {
        var list = map.Reader.List(map.Require("frames"), map.Field("frames"), "frames");
        if (list.Items.Count == 0)
        {
            throw map.Reader.Error(list, map.Field("frames"), "expected at least one frame");
        }

        var frames = list.Items.Select((item, index) =>
        {
            var path = FieldPath.Item(map.Field("frames"), index);
            return FrameParser.ParseFragmented(MapReader.Open(item, path, map.Reader, CaseFields.Frame, "a frame"));
        }).SelectMany(frames => frames).ToList();
        return Send(frames, map, source);
    }

    private static SendRawStep SendRaw(MapReader map, SourceLocation source) =>
        new(PayloadParser.Parse(map.Require("bytes"), map.Field("bytes"), map.Reader), ChopParser.FromStepFields(map), source);

    private static PauseStep Pause(Node node, string field, FieldReader reader, SourceLocation source)
    {
        if (node is not MappingNode)
        {
            return new PauseStep(reader.Duration(node, field), null, source);
        }

        var map = MapReader.Open(node, field, reader, CaseFields.Pause, "a pause");
        var duration = reader.Duration(map.Require("duration"), map.Field("duration"));
        var mark = map.Get("mark") is { } markNode ? reader.Line(markNode, map.Field("mark")) : null;
        return new PauseStep(duration, mark, source);
    }

    private static CloseStep Close(Node node, string field, FieldReader reader, SourceLocation source)
    {
        if (node is ScalarNode { Kind: ScalarKind.String, Text: "none" })
        {
            return new CloseStep(null, string.Empty, source);
        }

        if (node is ScalarNode { Kind: ScalarKind.Integer })
        {
            return new CloseStep((ushort)reader.Integer(node, field, 0, ushort.MaxValue), string.Empty, source);
        }

        if (node is not MappingNode)
        {
            throw reader.Error(node, field, $"expected a close code (0-65535), none, or {{ code, reason }}, got {node.Describe()}");
        }

        var map = MapReader.Open(node, field, reader, CaseFields.CloseStep, "a close");
        var code = (ushort)reader.Integer(map.Require("code"), map.Field("code"), 0, ushort.MaxValue);
        return new CloseStep(code, map.OptionalString("reason") ?? string.Empty, source);
    }

    private static ShutdownStep Shutdown(Node node, string field, FieldReader reader, SourceLocation source) => node switch
    {
        ScalarNode { Kind: ScalarKind.String, Text: "fin" } => new ShutdownStep(Reset: false, source),
        ScalarNode { Kind: ScalarKind.String, Text: "reset" } => new ShutdownStep(Reset: true, source),
        _ => throw reader.Error(node, field, $"expected fin or reset, got {node.Describe()}"),
    };
}
