using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Framing;

namespace Conformance.Benchmarks;

/// <summary>
/// RFC 6455 5.3 masking, in place, against a memcpy-class baseline (<see cref="Span{T}.CopyTo(Span{T})"/> of the same
/// bytes) and a naive byte-at-a-time XOR loop. Sizes: a small control-sized payload, a typical message, the largest
/// 16-bit length, and two large ones (1 MiB fits L2/L3, 16 MiB streams from memory).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MaskingBenchmarks
{
    private const uint MaskKey = 0x37FA213D;

    // The key bytes as they appear on the wire (network byte order), for the scalar loop.
    private static readonly byte[] KeyBytes = [0x37, 0xFA, 0x21, 0x3D];

    private byte[] _data = [];
    private byte[] _destination = [];

    [Params(125, 4 * 1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        _destination = new byte[Size];
        new Random(6455).NextBytes(_data);

        // Sanity: the vectorised path and the scalar loop agree, and masking twice is the identity.
        var copy = (byte[])_data.Clone();
        Masking.Apply(copy, MaskKey);
        var expected = (byte[])_data.Clone();
        XorScalar(expected);
        if (!copy.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("Masking.Apply disagrees with the scalar XOR loop");
        }
    }

    [Benchmark(Description = "Masking.Apply")]
    public int MaskingApply() => Masking.Apply(_data, MaskKey);

    [Benchmark(Baseline = true, Description = "Span.CopyTo (memcpy)")]
    public void SpanCopyTo() => _data.AsSpan().CopyTo(_destination);

    [Benchmark(Description = "scalar byte XOR")]
    public void ScalarXor() => XorScalar(_data);

    private static void XorScalar(byte[] data)
    {
        ReadOnlySpan<byte> key = KeyBytes;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= key[i & 3];
        }
    }
}
