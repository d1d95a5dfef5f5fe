using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Benchmarking;

/// <summary>What one measurement does to a target: an echo load, or a ramp to many idle connections.</summary>
public enum BenchMode
{
    /// <summary>Every connection sends messages and checks each echo.</summary>
    Echo,

    /// <summary>Connections are opened at a handshake rate and held idle; how many the server keeps is the figure.</summary>
    Hold,
}

/// <summary>One load shape, as the user asked for it; the same scenario is run against every target of a comparison.</summary>
public sealed record BenchScenario
{
    public BenchMode Mode { get; init; } = BenchMode.Echo;

    /// <summary>Echo: connections, each running its own send/receive loop.</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Echo: payload bytes of each message (the smallest, with <see cref="MaxSize"/>).</summary>
    public int Size { get; init; } = 32;

    /// <summary>Echo: when set, each message's size is drawn uniformly from <see cref="Size"/> to this (a size distribution).</summary>
    public int? MaxSize { get; init; }

    public MessageKind Kind { get; init; } = MessageKind.Binary;

    /// <summary>Offer permessage-deflate (RFC 7692); the figures say whether the server accepted.</summary>
    public bool Deflate { get; init; }

    /// <summary>Measured time, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before measuring starts; its messages are checked but not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Open loop: messages per second over all connections (latency counts from the intended send time). Null: closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>Closed loop: messages outstanding per connection.</summary>
    public int InFlight { get; init; } = 1;

    /// <summary>Hold: the number of idle connections to reach.</summary>
    public int Hold { get; init; }

    /// <summary>Hold: new handshakes started per second while ramping.</summary>
    public double HandshakeRate { get; init; } = 1000;

    /// <summary>Hold: how long the connections stay open after the ramp, before every one is checked with a ping.</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A short label for tables: "echo 32 B x 64" or "hold 10000".</summary>
    public string Label => Mode == BenchMode.Hold
        ? $"hold {Hold}"
        : $"echo {SizeText(Size)}{(MaxSize is { } max ? ".." + SizeText(max) : string.Empty)} x {Connections}{(Deflate ? " deflate" : string.Empty)}{(Rate is { } rate ? $" @{rate:0}/s" : InFlight > 1 ? $" k={InFlight}" : string.Empty)}";

    private static string SizeText(int size) => size switch
    {
        >= 1 << 20 when size % (1 << 20) == 0 => $"{size >> 20} MiB",
        >= 1 << 10 when size % (1 << 10) == 0 => $"{size >> 10} KiB",
        _ => $"{size} B",
    };
}
