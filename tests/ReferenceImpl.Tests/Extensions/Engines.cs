using Conformance.ReferenceImpl.Extensions;
using Xunit;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>The permessage-deflate engines, for theories that prove a behaviour on each of them.</summary>
public static class Engines
{
    private static readonly DeflateImplementation[] Every = [DeflateImplementation.ZlibNg, DeflateImplementation.Zlib, DeflateImplementation.Managed];

    /// <summary>Every engine: the runtime's zlib-ng, the system's zlib, the managed DeflateStream fallback.</summary>
    public static TheoryData<DeflateImplementation> All() => new(Every);

    /// <summary>The engines that inflate with exactly the agreed window and so can check it (RFC 7692 7.1.2): the two zlibs.</summary>
    public static TheoryData<DeflateImplementation> WindowChecking() => new(DeflateImplementation.ZlibNg, DeflateImplementation.Zlib);

    /// <summary>Every engine with every agreed window, 8..15 (RFC 7692 7.1.2).</summary>
    public static TheoryData<DeflateImplementation, int> AllWithEveryWindow()
    {
        var data = new TheoryData<DeflateImplementation, int>();
        foreach (var engine in Every)
        {
            for (var bits = PerMessageDeflate.MinWindowBits; bits <= PerMessageDeflate.MaxWindowBits; bits++)
            {
                data.Add(engine, bits);
            }
        }

        return data;
    }

    /// <summary>The window-checking engines at each of <paramref name="windows"/>.</summary>
    public static TheoryData<DeflateImplementation, int> WindowCheckingAt(int[] windows)
    {
        var data = new TheoryData<DeflateImplementation, int>();
        foreach (var engine in new[] { DeflateImplementation.ZlibNg, DeflateImplementation.Zlib })
        {
            foreach (var bits in windows)
            {
                data.Add(engine, bits);
            }
        }

        return data;
    }

    /// <summary>
    /// Fails the test unless <paramref name="engine"/> works here (the machines this project builds on have both zlibs:
    /// the runtime ships zlib-ng, Debian's zlib1g is essential), so a theory never silently tests another engine.
    /// </summary>
    public static DeflateImplementation Require(DeflateImplementation engine)
    {
        Assert.True(ZlibAvailability.Resolve(engine) == engine, $"{engine} is not usable here: {ZlibAvailability.ZlibNgProblem ?? ZlibAvailability.Problem}");
        return engine;
    }

    public static MessageDeflater Deflater(DeflateImplementation engine, int windowBits, bool noContextTakeover, int level = MessageDeflater.DefaultLevel) =>
        new(windowBits, noContextTakeover, Require(engine), level);

    public static MessageInflater Inflater(DeflateImplementation engine, bool noContextTakeover, int windowBits = PerMessageDeflate.MaxWindowBits) =>
        new(noContextTakeover, windowBits, Require(engine));
}
