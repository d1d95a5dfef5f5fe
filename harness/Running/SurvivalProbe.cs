using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;
using Conformance.ReferenceImpl.Framing;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Running;

/// <summary>
/// The survival check of a <c>survives</c> case (<see cref="SurvivalCheck"/>): did the server close the case's
/// connection after the harness half-closed it, and does a fresh connection still get its handshake and a ping
/// answered in time? A crash and a hang fail the second, a stuck connection the first.
/// </summary>
public static class SurvivalProbe
{
    /// <summary>The ping the fresh connection sends; its pong must carry the same bytes (RFC 6455 5.5.3).</summary>
    public static readonly byte[] PingPayload = "wsconform-survival"u8.ToArray();

    private static readonly CaseDefinition Probe = new()
    {
        Id = "wsconform.survival-probe",
        Title = "The server still answers a fresh connection",
        Spec = ["RFC 6455 5.5.2"],
        Level = RequirementLevel.Must,
        Stimulus = "Opens a connection, completes the opening handshake and sends a ping.",
        Requirement = "The server answers the ping with a pong.",
        Steps = [new SendFrameStep(new FrameSpec { Opcode = (byte)Opcode.Ping, Payload = PingPayload }, null, new SourceLocation("(built in)", 0, 0))],
        Outcomes = [new(Verdict.Ok, [new ExpectedPong(PingPayload)])],
        Close = new CloseExpectation(Closer.Harness, [CloseCode.NormalClosure], RequireClean: false),
        Timeout = TimeSpan.FromSeconds(1),
        Source = new SourceLocation("(built in)", 0, 0),
    };

    public static async Task<SurvivalObservation> CheckAsync(CaseRunner runner, SurvivalCheck check, Observation observation, CancellationToken cancellationToken)
    {
        var released = Released(observation);
        var (answered, detail, wire) = await AnswersAsync(runner, check.AnswerWithin, cancellationToken);
        return new SurvivalObservation(answered, detail, released) { ProbeWire = wire };
    }

    /// <summary>Whether a fresh connection's opening handshake and ping are answered within <paramref name="within"/>, and how (or why not).</summary>
    public static async Task<(bool Answered, string Detail, IReadOnlyList<WireEntry> Wire)> AnswersAsync(CaseRunner runner, TimeSpan within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(within);
        var probeRunner = new CaseRunner(runner.Options with { OpenHandshakeTimeout = within, SettleEarly = true });
        var probe = await probeRunner.RunAsync(Probe with { Timeout = within }, bound.Token);
        var answered = probe.Events.OfType<ObservedPong>().Any(pong => pong.Payload.AsSpan().SequenceEqual(PingPayload));
        var detail = answered
            ? $"a fresh connection's handshake and ping were answered in {probe.Duration.TotalMilliseconds:0} ms"
            : probe.ConnectError is { } connect ? $"a fresh connection failed: {connect}"
            : probe.Response is null ? $"a fresh connection's opening handshake got no answer within {within.TotalSeconds:0.#} s{(probe.HandshakeError is { } error && !probe.HitHardCap && !probe.Cancelled ? $" ({error})" : string.Empty)}"
            : probe.Response.StatusCode != 101 ? $"a fresh connection's opening handshake was answered {probe.Response.StatusCode} {probe.Response.ReasonPhrase}"
            : $"a fresh connection's ping got no pong within {within.TotalSeconds:0.#} s";
        return (answered, detail, probe.Wire);
    }

    /// <summary>
    /// Whether the server closed the case's connection after the harness half-closed it (RFC 6455 7.1.1): an end of
    /// stream after the harness's FIN, or the server closed first. Null when the harness dropped the connection before
    /// that could be seen.
    /// </summary>
    public static bool? Released(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);

        // RFC 6455 7.1.1 governs a WebSocket connection: after a refused handshake the connection is HTTP's to manage.
        return observation.HandshakeCompleted ? Released(observation.Wire) : null;
    }

    private static bool? Released(IReadOnlyList<WireEntry> wire)
    {
        var sentFin = false;
        foreach (var entry in wire)
        {
            if (entry is not TcpEntry tcp)
            {
                continue;
            }

            switch (tcp.Kind)
            {
                case TcpEventKind.PeerEof or TcpEventKind.PeerReset:
                    return true;
                case TcpEventKind.SentFin:
                    sentFin = true;
                    break;
                case TcpEventKind.Dropped or TcpEventKind.SentReset:
                    return sentFin ? false : null;
            }
        }

        return sentFin ? false : null;
    }
}
