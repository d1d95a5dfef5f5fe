using System.Text;
using BenchmarkDotNet.Attributes;
using Conformance.ReferenceImpl.Extensions;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Benchmarks;

/// <summary>
/// permessage-deflate (RFC 7692) end to end through the public core: a server connection compresses and frames a
/// JSON-like text message, a client connection parses and inflates it. 64 KiB and 1 MiB, with context takeover on
/// (the windows carry over between operations) and off (every message alone), against the same path without deflate.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class DeflateBenchmarks
{
    private byte[] _message = [];
    private WebSocketConnection _sender = null!;
    private WebSocketConnection _receiver = null!;
    private WebSocketConnection _plainSender = null!;
    private WebSocketConnection _plainReceiver = null!;

    [Params(64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(true, false)]
    public bool ContextTakeover { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = JsonLike(Size);
        var agreed = new PerMessageDeflateParameters { ServerNoContextTakeover = !ContextTakeover, ClientNoContextTakeover = !ContextTakeover };
        var limits = new ConnectionOptions { MaxMessageSize = 64L << 20 };
        _sender = new WebSocketConnection(limits with { Role = Role.Server, PerMessageDeflate = agreed });
        _receiver = new WebSocketConnection(limits with { Role = Role.Client, PerMessageDeflate = agreed });
        _plainSender = new WebSocketConnection(limits with { Role = Role.Server });
        _plainReceiver = new WebSocketConnection(limits with { Role = Role.Client });
        if (RoundTrip(_sender, _receiver) != Size || RoundTrip(_plainSender, _plainReceiver) != Size)
        {
            throw new InvalidOperationException("the message did not come back whole");
        }
    }

    [Benchmark(Description = "compress + inflate (permessage-deflate)")]
    public int Deflate() => RoundTrip(_sender, _receiver);

    [Benchmark(Baseline = true, Description = "frame + parse (no extension)")]
    public int Plain() => RoundTrip(_plainSender, _plainReceiver);

    private int RoundTrip(WebSocketConnection sender, WebSocketConnection receiver)
    {
        sender.SendMessage(MessageKind.Text, _message);
        var wire = sender.PendingOutput;
        receiver.ReceiveAll(wire.Span);
        sender.AcknowledgeOutput(wire.Length);
        return receiver.TryDequeueEvent(out var received) && received is MessageReceived message ? message.Payload.Length : -1;
    }

    /// <summary>An array of small JSON records, as an API or a chat would send, cut to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] JsonLike(int size)
    {
        var text = new StringBuilder("[");
        for (var i = 0; text.Length < size; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"id\":{i},\"user\":\"user-{i % 977}\",\"active\":{(i % 3 == 0 ? "true" : "false")},\"score\":{i * 7919 % 10007},\"tags\":[\"ws\",\"rfc7692\"]}},");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }
}
