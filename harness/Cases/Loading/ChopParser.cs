using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>Reads how a write is chopped: <c>chop: N</c> with <c>chop-delay: D</c> on a step, or <c>chop: { size, delay }</c> in a handshake.</summary>
internal static class ChopParser
{
    /// <summary>
    /// The <c>chop</c> and <c>chop-delay</c> fields of a step; null when the write is whole (no chop, or <c>chop: 0</c>,
    /// which lets a family's rows choose between whole and chopped writes).
    /// </summary>
    public static Chop? FromStepFields(MapReader map)
    {
        if (!map.Has("chop"))
        {
            return map.Has("chop-delay")
                ? throw map.Reader.Error(map.Key("chop-delay"), map.Field("chop-delay"), "chop-delay needs chop (the piece size in bytes)")
                : null;
        }

        var size = (int)map.Reader.Integer(map.Require("chop"), map.Field("chop"), 0, int.MaxValue);
        var delay = map.OptionalDuration("chop-delay", TimeSpan.Zero);
        return size == 0 ? null : new Chop(size, delay);
    }

    /// <summary>A <c>{ size, delay }</c> map.</summary>
    public static Chop FromMap(Node node, string path, FieldReader reader)
    {
        var map = MapReader.Open(node, path, reader, CaseFields.HandshakeChop, "a chop");
        var size = (int)reader.Integer(map.Require("size"), map.Field("size"), 1, int.MaxValue);
        return new Chop(size, map.OptionalDuration("delay", TimeSpan.Zero));
    }
}
