using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Extensions;

namespace Conformance.Benchmarks;

/// <summary>
/// permessage-deflate's compressor and decompressor alone (RFC 7692 7.2.1, 7.2.2): the runtime's zlib-ng engine and the
/// system zlib engine (one stream with the agreed window, context kept inside the library) against the managed
/// DeflateStream fallback (a 15-bit stream restarted every 2^bits input bytes to honour a smaller window; a new
/// inflater per message with 32 KiB of history replayed), at our levels 1 (what the harness and the reference server
/// use; zlib-ng's 2) and 6. Context takeover on, as most peers agree. Eight distinct JSON-like messages of each size
/// are cycled, so the compressor cannot just point back at an identical previous message. Inflate reads self-contained
/// payloads (made once by the same engine at the same level without context takeover) with an inflater that keeps
/// context, as a receiver must.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MessageDeflateBenchmarks
{
    private const int Distinct = 8;

    private byte[][] _messages = [];
    private byte[][] _compressed = [];
    private byte[] _destination = [];
    private MessageDeflater _deflater = null!;
    private MessageInflater _inflater = null!;
    private int _next;

    [Params(16, 1024, 128 * 1024)]
    public int Size { get; set; }

    [Params(9, 12, 15)]
    public int WindowBits { get; set; }

    [Params(DeflateImplementation.ZlibNg, DeflateImplementation.Zlib, DeflateImplementation.Managed)]
    public DeflateImplementation Implementation { get; set; }

    [Params(1, 6)]
    public int Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (ZlibAvailability.Resolve(Implementation) != Implementation)
        {
            throw new InvalidOperationException($"{Implementation} is not usable here: {ZlibAvailability.ZlibNgProblem ?? ZlibAvailability.Problem}");
        }

        _messages = [.. Enumerable.Range(0, Distinct).Select(i => JsonLike(Size, i * 1000))];
        using (var selfContained = new MessageDeflater(WindowBits, noContextTakeover: true, Implementation, Level))
        {
            _compressed = [.. _messages.Select(m => selfContained.Compress(m, endOfMessage: true).ToArray())];
        }

        // Room for one byte more than the message, as a connection probes, so the inflater reads its input to the end.
        _destination = new byte[Size + 1];
        _deflater = new MessageDeflater(WindowBits, noContextTakeover: false, Implementation, Level);
        _inflater = new MessageInflater(noContextTakeover: false, WindowBits, Implementation);
        for (var i = 0; i < 2 * Distinct; i++)
        {
            if (Inflate() != Size)
            {
                throw new InvalidOperationException("a message did not inflate whole");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _deflater.Dispose();
        _inflater.Dispose();
    }

    [Benchmark(Description = "compress")]
    public int Deflate() => _deflater.Compress(_messages[_next++ % Distinct], endOfMessage: true).Length;

    [Benchmark(Description = "inflate")]
    public int Inflate()
    {
        var payload = _compressed[_next++ % Distinct];
        _inflater.Begin();
        payload.CopyTo(_inflater.Add(payload.Length));
        _inflater.Finish();
        var total = 0;
        for (int read; (read = _inflater.Read(_destination.AsSpan(total))) > 0;)
        {
            total += read;
        }

        _inflater.End();
        return total;
    }

    /// <summary>Small JSON records, as an API or a chat sends them, numbered from <paramref name="first"/>, cut to <paramref name="size"/> bytes.</summary>
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
