namespace Conformance.Harness.Running;

/// <summary>How to reach the target and how long to wait for it. Timeouts default to Autobahn 0.10.9's.</summary>
public sealed record RunOptions
{
    /// <summary>ws://, wss://, ws+unix:// or wss+unix:// URL of the server under test.</summary>
    public required Uri Target { get; init; }

    /// <summary>Header fields added to every opening handshake (cookies, authorization).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];

    /// <summary>Subprotocols offered in every opening handshake.</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    public string? Origin { get; init; }

    /// <summary>Accept any TLS certificate (wss).</summary>
    public bool InsecureTls { get; init; }

    /// <summary>A PEM file of CA certificates to trust instead of the system's (wss).</summary>
    public string? CaFile { get; init; }

    /// <summary>Hard cap on one case, whatever it waits for; a case whose own deadline and pauses need more gets that plus 5 s.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message the user says the target accepts; 0 = unknown. A 1009 for a larger message is informational.</summary>
    public long MaxMessageSize { get; init; }

    /// <summary>Connect, TLS and the opening handshake must finish within this. The RFC sets no time; Autobahn's 5 s is doubled so a slow server is not taken for a dead one.</summary>
    public TimeSpan OpenHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the peer has to answer the harness's close (Autobahn's closeHandshakeTimeout).</summary>
    public TimeSpan CloseHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the server has to close TCP after the close handshake (Autobahn's serverConnectionDropTimeout).</summary>
    public TimeSpan ServerDropTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Close an echo case as soon as its verdict is settled (see <see cref="Machine.MachineSettings.SettleEarly"/>).</summary>
    public bool SettleEarly { get; init; } = true;

    /// <summary>The clock every case runs on (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Bound on the liveness probe after a case that left the target in doubt: the handshake's own time and a little more.</summary>
    public TimeSpan ProbeTimeout => OpenHandshakeTimeout + TimeSpan.FromSeconds(1);
}
