using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>
/// Reads the top-level <c>close</c>: <c>{ by: harness | peer, codes: [...], clean, wrong-code-fails,
/// harness-closing-fails }</c>. <c>clean</c> defaults to true when the harness closes and false when the peer must.
/// </summary>
internal static class CloseExpectationParser
{
    public static CloseExpectation Parse(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.Close, "a close expectation");
        var by = map.RequireString("by") switch
        {
            "harness" => Closer.Harness,
            "peer" => Closer.Peer,
            var other => throw reader.Error(map.Require("by"), map.Field("by"), $"expected harness or peer, got '{other}'"),
        };
        var list = reader.List(map.Require("codes"), map.Field("codes"), "close codes");
        if (list.Items.Count == 0)
        {
            throw reader.Error(list, map.Field("codes"), "expected at least one close code");
        }

        var codes = list.Items
            .Select((item, index) => (ushort)reader.Integer(item, FieldPath.Item(map.Field("codes"), index), 0, ushort.MaxValue))
            .ToList();
        return new CloseExpectation(
            by,
            codes,
            map.OptionalBool("clean", defaultValue: by == Closer.Harness),
            map.OptionalBool("wrong-code-fails", defaultValue: false),
            map.OptionalBool("harness-closing-fails", defaultValue: false));
    }
}
