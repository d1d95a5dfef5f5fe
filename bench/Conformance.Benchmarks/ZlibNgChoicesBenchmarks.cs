using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Extensions.Zlib;
using Conformance.ReferenceImpl.Extensions.ZlibNg;

namespace Conformance.Benchmarks;

/// <summary>
/// The two choices the zlib-ng engine makes, measured on its compressor alone (RFC 7692 7.2.1): which zlib-ng level
/// stands for our level 1 (its 1, deflate_quick, static Huffman only; or its 2, deflate_fast, as zlib's 1), and how a
/// message without context takeover forgets the window (RFC 7692 7.1.1): a full flush, or deflateEnd + deflateInit2
/// (the runtime exports no deflateReset); the system zlib's deflateReset for comparison. JSON-like messages, cycled.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ZlibNgChoicesBenchmarks
{
    private const int Distinct = 8;

    private byte[][] _messages = [];
    private readonly DeflateOutput _output = new();
    private ZlibNgDeflater _quick = null!;
    private ZlibNgDeflater _fast = null!;
    private ZlibDeflater _zlib = null!;
    private int _next;

    [Params(16, 1024, 128 * 1024)]
    public int Size { get; set; }

    [Params(9, 15)]
    public int WindowBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _messages = [.. Enumerable.Range(0, Distinct).Select(i => JsonLike(Size, i * 1000))];
        _quick = new ZlibNgDeflater(WindowBits, 1);
        _fast = new ZlibNgDeflater(WindowBits, 2);
        _zlib = new ZlibDeflater(WindowBits, 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _quick.Dispose();
        _fast.Dispose();
        _zlib.Dispose();
    }

    [Benchmark(Description = "zlib-ng 1 (quick), context takeover")]
    public int Quick() => Compress(_quick, forgetWindow: false);

    [Benchmark(Baseline = true, Description = "zlib-ng 2 (fast), context takeover")]
    public int Fast() => Compress(_fast, forgetWindow: false);

    [Benchmark(Description = "zlib-ng 2, no context takeover: full flush")]
    public int FastFullFlush() => Compress(_fast, forgetWindow: true);

    [Benchmark(Description = "zlib-ng 2, no context takeover: end + init")]
    public int FastEndInit()
    {
        // What a reset costs through the runtime's exports: CompressionNative_DeflateEnd, then _DeflateInit2_.
        using var fresh = new ZlibNgDeflater(WindowBits, 2);
        return Compress(fresh, forgetWindow: false);
    }

    [Benchmark(Description = "system zlib 1, no context takeover: deflateReset")]
    public int ZlibReset()
    {
        _output.Clear();
        _zlib.CompressWithSyncFlush(_messages[_next++ % Distinct], _output);
        _zlib.Reset();
        return _output.Count;
    }

    private int Compress(ZlibNgDeflater deflater, bool forgetWindow)
    {
        _output.Clear();
        deflater.CompressWithSyncFlush(_messages[_next++ % Distinct], _output, forgetWindow);
        return _output.Count;
    }

    /// <summary>Small JSON records, as in <see cref="MessageDeflateBenchmarks"/>.</summary>
    private static byte[] JsonLike(int size, int first)
    {
        var text = new StringBuilder("[");
        for (var i = first; text.Length < size; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"user\":\"user-{i % 977}\",\"active\":{(i % 3 == 0 ? "true" : "false")},\"score\":{i * 7919 % 10007},\"tags\":[\"ws\",\"rfc7692\"]}},");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }
}
