using Conformance.Harness.Cases.Model;
using Conformance.ReferenceImpl.Protocol;

namespace Conformance.Harness.Running;

/// <summary>Is the target still there? A fresh connection and opening handshake, closed at once, bounded by <see cref="RunOptions.ProbeTimeout"/>; tried twice. Any response to the handshake counts: slow or broken is not dead.</summary>
internal static class LivenessProbe
{
    private static readonly CaseDefinition Probe = new()
    {
        Id = "wsconform.liveness-probe",
        Title = "The target still accepts a WebSocket connection",
        Spec = ["RFC 6455 4.1"],
        Level = RequirementLevel.Informational,
        Stimulus = "Opens a connection and a valid opening handshake, then closes without a code.",
        Requirement = "The server answers 101.",
        Steps = [],
        Outcomes = [],
        Close = new CloseExpectation(Closer.Harness, [CloseCode.NormalClosure], RequireClean: false),
        Timeout = TimeSpan.Zero,
        OnTimeout = TimeoutAction.Close,
        Source = new SourceLocation("(built in)", 0, 0),
    };

    public static async Task<bool> IsAliveAsync(CaseRunner runner, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(runner.Options.ProbeTimeout);
            var observation = await runner.RunAsync(Probe, bound.Token);
            // It answered the opening handshake, rightly or not: alive (a broken handshake is the cases' to judge).
            if (observation.Response is not null)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return cancellationToken.IsCancellationRequested;
    }
}
