using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Benchmarks;

/// <summary>A stream of identical-sized masked client frames (one single-frame message each).</summary>
public sealed class FrameScenario : IWorkload
{
    public FrameScenario(string name, int frameCount, int payloadSize, Opcode opcode)
    {
        Name = name;
        FrameCount = frameCount;
        PayloadSize = payloadSize;
        Opcode = opcode;
    }

    public string Name { get; }

    public int FrameCount { get; }

    public int PayloadSize { get; }

    public Opcode Opcode { get; }

    /// <summary>Bytes of one frame on the wire: 2 + extended length + 4 (mask key) + payload.</summary>
    public int FrameWireSize => 2 + (PayloadSize <= 125 ? 0 : PayloadSize <= ushort.MaxValue ? 2 : 8) + 4 + PayloadSize;

    public long BytesPerOperation => (long)FrameCount * FrameWireSize;

    public int MessagesPerOperation => FrameCount;

    public override string ToString() => Name;
}

/// <summary>
/// A client-to-server byte stream of many masked frames, taken apart by the strict <see cref="FrameStreamParser"/>
/// (server rules) and by the full <see cref="WebSocketConnection"/> state machine (server role, events drained).
/// Each is fed the stream whole and in 4 KiB reads (a typical socket read), so headers and payloads straddle reads.
/// Throughput counts wire bytes (headers included); Msg/s counts frames (= messages).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class FrameParseBenchmarks
{
    private const int ReadSize = 4096;

    private static readonly FrameRuleContext ServerRules = new(Role.Server);

    private static readonly ConnectionOptions ServerOptions = new() { Role = Role.Server };

    private byte[] _stream = [];

    public static IEnumerable<FrameScenario> Scenarios =>
    [
        new("10000 x 16 B bin", 10_000, 16, Opcode.Binary),
        new("64 x 64 KiB bin", 64, 64 * 1024, Opcode.Binary),
        new("64 x 64 KiB text", 64, 64 * 1024, Opcode.Text),
        new("8 x 1 MiB bin", 8, 1024 * 1024, Opcode.Binary),
    ];

    [ParamsSource(nameof(Scenarios))]
    public FrameScenario Scenario { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stream = BuildStream(Scenario);
        if (_stream.Length != Scenario.BytesPerOperation)
        {
            throw new InvalidOperationException($"stream is {_stream.Length} bytes, expected {Scenario.BytesPerOperation}");
        }

        var expected = (long)Scenario.FrameCount * Scenario.PayloadSize;
        foreach (var (name, total) in new[]
                 {
                     ("parser whole", ParserWhole()),
                     ("parser reads", ParserReads()),
                     ("connection whole", ConnectionWhole()),
                     ("connection reads", ConnectionReads()),
                 })
        {
            if (total != expected)
            {
                throw new InvalidOperationException($"{name}: {total} payload bytes, expected {expected}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "FrameStreamParser whole")]
    public long ParserWhole()
    {
        var parser = new FrameStreamParser(ServerRules);
        return Sum(parser.Feed(_stream));
    }

    [Benchmark(Description = "FrameStreamParser 4 KiB reads")]
    public long ParserReads()
    {
        var parser = new FrameStreamParser(ServerRules);
        long total = 0;
        ReadOnlySpan<byte> rest = _stream;
        while (!rest.IsEmpty)
        {
            var length = Math.Min(ReadSize, rest.Length);
            total += Sum(parser.Feed(rest[..length]));
            rest = rest[length..];
        }

        return total;
    }

    [Benchmark(Description = "WebSocketConnection whole")]
    public long ConnectionWhole()
    {
        var connection = new WebSocketConnection(ServerOptions);
        long total = 0;
        ReadOnlySpan<byte> rest = _stream;
        while (!rest.IsEmpty)
        {
            // The adapter pattern: the core stops after each event so replies keep the wire's order.
            rest = rest[connection.ReceiveData(rest)..];
            total += Drain(connection);
        }

        return total;
    }

    [Benchmark(Description = "WebSocketConnection 4 KiB reads")]
    public long ConnectionReads()
    {
        var connection = new WebSocketConnection(ServerOptions);
        long total = 0;
        ReadOnlySpan<byte> rest = _stream;
        while (!rest.IsEmpty)
        {
            var length = Math.Min(ReadSize, rest.Length);
            var read = rest[..length];
            while (!read.IsEmpty)
            {
                read = read[connection.ReceiveData(read)..];
                total += Drain(connection);
            }

            rest = rest[length..];
        }

        return total;
    }

    private static long Sum(IReadOnlyList<Frame> frames)
    {
        long total = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            total += frames[i].Payload.Length;
        }

        return total;
    }

    private static long Drain(WebSocketConnection connection)
    {
        long total = 0;
        while (connection.TryDequeueEvent(out var connectionEvent))
        {
            total += connectionEvent is MessageReceived message
                ? message.Payload.Length
                : throw new InvalidOperationException($"unexpected event {connectionEvent}");
        }

        return total;
    }

    private static byte[] BuildStream(FrameScenario scenario)
    {
        var random = new Random(6455);
        var payload = new byte[scenario.PayloadSize];
        if (scenario.Opcode == Opcode.Text)
        {
            // Mixed 1- to 4-byte UTF-8, padded with ASCII to the exact size.
            var unit = Encoding.UTF8.GetBytes("Καλημέρα κόσμε! 世界你好。日本語。 😀🚀🎉 ascii text; ");
            var filled = 0;
            while (filled + unit.Length <= payload.Length)
            {
                unit.CopyTo(payload, filled);
                filled += unit.Length;
            }

            payload.AsSpan(filled).Fill((byte)'.');
        }
        else
        {
            random.NextBytes(payload);
        }

        var output = new ArrayBufferWriter<byte>((int)scenario.BytesPerOperation);
        for (var i = 0; i < scenario.FrameCount; i++)
        {
            var header = new FrameHeader
            {
                Fin = true,
                Opcode = scenario.Opcode,
                Masked = true,
                MaskKey = (uint)random.Next() | 1u,
                PayloadLength = (ulong)payload.Length,
            };
            FrameWriter.Write(header, payload, output);
        }

        return output.WrittenSpan.ToArray();
    }
}
