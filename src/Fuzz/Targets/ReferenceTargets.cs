using Conformance.Fuzz.Afl;

namespace Conformance.Fuzz.Targets;

/// <summary>The fuzz targets over the reference core, by the names the CLI and campaigns use.</summary>
public static class ReferenceTargets
{
    /// <summary>Every target by name, in a stable order.</summary>
    public static IReadOnlyDictionary<string, ReadOnlySpanAction> All { get; } = new SortedDictionary<string, ReadOnlySpanAction>(StringComparer.Ordinal)
    {
        ["frames"] = FrameStreamTarget.Run,
        ["handshake-request"] = HandshakeRequestTarget.Run,
        ["handshake-response"] = HandshakeResponseTarget.Run,
        ["utf8"] = Utf8Target.Run,
        ["close-payload"] = ClosePayloadTarget.Run,
        ["connection"] = ConnectionTarget.Run,
        ["inflate"] = InflaterTarget.Run,
    };

    /// <summary>The namespace prefix to instrument for these targets.</summary>
    public const string CoreNamespace = "Conformance.ReferenceImpl";

    /// <summary>The assembly to instrument for these targets.</summary>
    public const string CoreAssembly = "Conformance.ReferenceImpl";
}
