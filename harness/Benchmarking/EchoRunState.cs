using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Benchmarking;

/// <summary>What the connections of one echo measurement share: where they record, when to stop, and the figures so far.</summary>
internal sealed class EchoRunState(WebSocketAddress address, BenchScenario scenario, BenchClientOptions options)
{
    private int _open;
    private long _handshakes;
    private int _stopping;
    private long _allOpenAt;
    private long _bytes;

    public WebSocketAddress Address { get; } = address;

    public BenchScenario Scenario { get; } = scenario;

    public BenchClientOptions Options { get; } = options;

    public LatencyRecorder Latency { get; } = new();

    public ErrorTally Errors { get; } = new();

    /// <summary>Set once by the first connection that opens.</summary>
    public string? Agent { get; set; }

    public bool? DeflateAccepted { get; set; }

    public int Open => Volatile.Read(ref _open);

    /// <summary>Payload bytes of the correct echoes so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Echoed(int length) => Interlocked.Add(ref _bytes, length);

    public long Handshakes => Interlocked.Read(ref _handshakes);

    /// <summary>True once no new message may be sent: connections finish their outstanding echoes and close.</summary>
    public bool Stopping => Volatile.Read(ref _stopping) == 1;

    public void Stop() => Volatile.Write(ref _stopping, 1);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp when the scenario's connections were first all open; 0 until then.</summary>
    public long AllOpenAt => Interlocked.Read(ref _allOpenAt);

    public void Opened()
    {
        Interlocked.Increment(ref _open);
        if (Interlocked.Increment(ref _handshakes) == Scenario.Connections)
        {
            Interlocked.Exchange(ref _allOpenAt, System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    public void Closed() => Interlocked.Decrement(ref _open);
}
