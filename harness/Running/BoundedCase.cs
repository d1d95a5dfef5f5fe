using System.Net.Sockets;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Running;

/// <summary>
/// One case's run within its hard cap (<see cref="CaseBudget"/>), whichever side the harness is on: the peer's doing
/// (a hang, a dropped connection) becomes part of the observation, never an exception, and the observation is finished
/// with the wire log, the duration and how it ended.
/// </summary>
internal static class BoundedCase
{
    public static async Task<Observation> RunAsync(
        CaseDefinition definition,
        RunOptions options,
        WireLog wire,
        Func<TimeSpan> elapsed,
        Observation start,
        Func<Observation, CancellationToken, Task<Observation>> body,
        CancellationToken cancellationToken)
    {
        using var hardCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardCap.CancelAfter(CaseBudget.HardCap(definition, options));
        var observation = start;
        try
        {
            observation = await body(observation, hardCap.Token);
        }
        catch (OperationCanceledException)
        {
            // A peer that hangs in the handshake is the peer's doing, not a harness fault.
            observation = observation with { HandshakeError = observation.HandshakeError ?? "the case was cut off at its hard cap before the handshake ended" };
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or SocketException or InvalidOperationException or ObjectDisposedException)
        {
            observation = observation with { Errors = [.. observation.Errors, $"{exception.GetType().Name}: {exception.Message}"] };
        }

        return observation with
        {
            Wire = wire.Entries,
            Duration = elapsed(),
            Cancelled = cancellationToken.IsCancellationRequested,
            HitHardCap = hardCap.IsCancellationRequested && !cancellationToken.IsCancellationRequested,
        };
    }
}
