using BenchmarkDotNet.Attributes;
using Conformance.Harness.Benchmarking;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;
using Conformance.ReferenceImpl.Receiving;

namespace Conformance.Benchmarks;

/// <summary>
/// One echo's work in the core, per side, without sockets: what <c>wsconform bench</c> and the reference server spend
/// per message besides the system calls.
/// <list type="bullet">
/// <item><c>ServerEcho</c>: the reference server's path: a masked client frame in, kept in a pooled buffer by
/// <see cref="KeptMessageConsumer"/>, the echo framed from there, the buffer released, the output acknowledged.</item>
/// <item><c>LoadClientRoundTrip</c>: the load generator's path: a message stamped and framed (masked), the
/// server's unmasked echo parsed and compared byte for byte by <see cref="EchoCheckSink"/>, nothing kept, no event.</item>
/// </list>
/// The Allocated column is the figure to watch: the load generator must not allocate per message.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class EchoRoundTripBenchmarks
{
    private WebSocketConnection _server = null!;
    private KeptMessageConsumer _kept = null!;
    private WebSocketConnection _client = null!;
    private EchoPayload _payload = null!;
    private EchoCheckSink _sink = null!;
    private byte[] _clientFrame = [];
    private byte[] _serverFrames = [];
    private long _sequence;

    [Params(32, 64 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = new byte[Size];
        new Random(6455).NextBytes(data);
        _clientFrame = FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, Masked = true, MaskKey = 0x1234_5678, PayloadLength = (ulong)Size }, data);
        _kept = new KeptMessageConsumer(ConnectionOptions.DefaultMaxMessageSize);
        _server = new WebSocketConnection(new ConnectionOptions { Role = Role.Server, MessageSink = () => _kept });

        _payload = new EchoPayload(Size, MessageKind.Binary, compressible: false);
        _sink = new EchoCheckSink(_payload);
        _client = new WebSocketConnection(new ConnectionOptions { Role = Role.Client, MessageSink = () => _sink, MaskKeySource = static () => 0x0BAD_F00D });
        // The server's echoes of messages 0..1023, unmasked, as one stream that the client reads in order.
        var frames = new List<byte>();
        for (var sequence = 0; sequence < 1024; sequence++)
        {
            frames.AddRange(FrameWriter.ToBytes(new FrameHeader { Fin = true, Opcode = Opcode.Binary, PayloadLength = (ulong)Size }, _payload.For(sequence)));
        }

        _serverFrames = [.. frames];
    }

    [Benchmark]
    public int ServerEcho()
    {
        _server.ReceiveData(_clientFrame);
        _server.SendMessage(_kept.Kind, _kept.Message);
        _kept.Release();
        var written = _server.PendingOutput.Length;
        _server.AcknowledgeOutput(written);
        return written;
    }

    [Benchmark]
    public bool LoadClientRoundTrip()
    {
        var index = (int)(_sequence % 1024);
        _client.SendMessage(_payload.Kind, _payload.For(_sequence));
        _client.AcknowledgeOutput(_client.PendingOutput.Length);
        var frameLength = _serverFrames.Length / 1024;
        _client.ReceiveData(_serverFrames.AsSpan(index * frameLength, frameLength));
        _sequence++;
        _sink.ExpectedSequence = _sequence % 1024;
        return _sink.LastWasCorrect;
    }
}
