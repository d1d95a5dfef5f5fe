using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads one YAML document into a <see cref="Node"/> tree with positions, using YamlDotNet's parser events. Syntax
/// errors, duplicate keys, non-scalar keys and extra documents become <see cref="CaseFileException"/>s.
/// </summary>
internal sealed class YamlTreeReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly string file;
    private readonly IParser parser;
    private readonly Dictionary<string, Node> anchors = new(StringComparer.Ordinal);
    private Mark lastMark = Mark.Empty;

    private YamlTreeReader(string file, IParser parser)
    {
        this.file = file;
        this.parser = parser;
    }

    /// <summary>The document's root node; an empty file is an error.</summary>
    public static Node Read(string text, string file)
    {
        var reader = new YamlTreeReader(file, new Parser(new StringReader(text)));
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException exception)
        {
            throw new CaseFileException(file, ToInt(exception.Start.Line), ToInt(exception.Start.Column), string.Empty,
                $"YAML: {Simplify(exception.Message)}", exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input, e.g. an unclosed '['.
            throw new CaseFileException(file, ToInt(reader.lastMark.Line), ToInt(reader.lastMark.Column), string.Empty,
                "YAML: cannot parse what follows here (an unclosed [, { or quote?)", exception);
        }
    }

    private Node ReadStream()
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out var end))
        {
            throw Error(end.Start, "the file is empty; expected a case (a map with id, title, ...)");
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(string.Empty);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            throw Error(second.Start, "a second YAML document; a case file holds one case or one family (use matrix)");
        }

        parser.Consume<StreamEnd>();
        return root;
    }

    private Node ReadNode(string path)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the file");
        lastMark = current.Start;
        var node = current switch
        {
            AnchorAlias alias => ReadAlias(alias),
            Scalar scalar => ReadScalar(scalar),
            SequenceStart start => ReadSequence(start, path),
            MappingStart start => ReadMapping(start, path),
            _ => throw Error(current.Start, $"unexpected {current.GetType().Name}"),
        };
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private Node ReadAlias(AnchorAlias alias)
    {
        parser.MoveNext();
        return anchors.TryGetValue(alias.Value.Value, out var node)
            ? node
            : throw Error(alias.Start, $"unknown alias *{alias.Value.Value}");
    }

    private ScalarNode ReadScalar(Scalar scalar)
    {
        parser.MoveNext();
        var tagged = scalar.Tag is { IsEmpty: false, IsNonSpecific: false } tag && tag.Value.Equals(StringTag, StringComparison.Ordinal);
        var kind = scalar.Style == ScalarStyle.Plain && !tagged
            ? ScalarResolver.Resolve(scalar.Value)
            : ScalarKind.String;
        return new ScalarNode(scalar.Value, kind, At(scalar.Start));
    }

    private SequenceNode ReadSequence(SequenceStart start, string path)
    {
        parser.MoveNext();
        var items = new List<Node>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode($"{path}[{items.Count}]"));
        }

        return new SequenceNode(items, At(start.Start));
    }

    private MappingNode ReadMapping(MappingStart start, string path)
    {
        parser.MoveNext();
        var entries = new List<KeyValuePair<ScalarNode, Node>>();
        var seen = new Dictionary<string, Position>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (ReadNode(path) is not ScalarNode key)
            {
                throw Error(keyEvent.Start, "a map key must be a plain name, not a map or a list");
            }

            var field = FieldPath.Child(path, key.Text);
            if (seen.TryGetValue(key.Text, out var first))
            {
                throw new CaseFileException(file, key.At.Line, key.At.Column, field,
                    $"duplicate key (first at line {first.Line})");
            }

            seen.Add(key.Text, key.At);
            entries.Add(new(key, ReadNode(field)));
        }

        return new MappingNode(entries, At(start.Start));
    }

    private CaseFileException Error(Mark mark, string problem) =>
        new(file, ToInt(mark.Line), ToInt(mark.Column), string.Empty, problem);

    private static Position At(Mark mark) => new(ToInt(mark.Line), ToInt(mark.Column));

    private static int ToInt(long value) => (int)Math.Clamp(value, 1, int.MaxValue);

    /// <summary>YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; the location is ours to print.</summary>
    private static string Simplify(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
