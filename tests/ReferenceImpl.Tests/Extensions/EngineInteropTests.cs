using Conformance.ReferenceImpl.Extensions;
using Xunit;
using static Conformance.ReferenceImpl.Tests.Extensions.Inflating;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>Every engine inflates what every other compresses: they all speak RFC 7692 7.2.1 / 7.2.2, whatever zlib is behind them.</summary>
public sealed class EngineInteropTests
{
    public static TheoryData<DeflateImplementation, DeflateImplementation, int> EveryPairingAtWindows8And9And15()
    {
        DeflateImplementation[] engines = [DeflateImplementation.ZlibNg, DeflateImplementation.Zlib, DeflateImplementation.Managed];
        var data = new TheoryData<DeflateImplementation, DeflateImplementation, int>();
        foreach (var deflater in engines)
        {
            foreach (var inflater in engines)
            {
                foreach (var bits in new[] { 8, 9, 15 })
                {
                    data.Add(deflater, inflater, bits);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPairingAtWindows8And9And15))]
    public void Engines_understand_each_other_with_context_takeover(DeflateImplementation compressing, DeflateImplementation inflating, int bits)
    {
        // RFC 7692 7.1.2: the deflater keeps to window 2^bits and the inflater inflates with exactly that window.
        var noise = Noise(3000, bits);
        byte[] message = [.. noise, .. noise];
        using var deflater = Engines.Deflater(compressing, bits, noContextTakeover: false, level: 1);
        using var inflater = Engines.Inflater(inflating, noContextTakeover: false, windowBits: bits);

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(message, Message(inflater, Compress(deflater, message)));
            Assert.Equal("Hello"u8.ToArray(), Message(inflater, Compress(deflater, "Hello"u8)));
        }
    }
}
