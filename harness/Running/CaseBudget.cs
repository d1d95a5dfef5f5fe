using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Running;

/// <summary>How long a case may take at most: the run's hard cap, or more when the case's own deadline and pauses need it.</summary>
internal static class CaseBudget
{
    public static TimeSpan HardCap(CaseDefinition definition, RunOptions options)
    {
        var waits = definition.Steps.Sum(step => step switch
        {
            PauseStep pause => pause.Duration.TotalMilliseconds,
            SendFrameStep send => ChopDelays(send.Frame.Payload.Length + 14, send.Chop),
            SendFramesStep send => ChopDelays(send.Frames.Sum(frame => frame.Payload.Length + 14), send.Chop),
            SendRawStep raw => ChopDelays(raw.Bytes.Length, raw.Chop),
            _ => 0,
        });
        var needed = TimeSpan.FromMilliseconds(waits) + definition.Timeout + options.OpenHandshakeTimeout
            + options.CloseHandshakeTimeout + options.ServerDropTimeout + TimeSpan.FromSeconds(5);
        return needed > options.CaseTimeout ? needed : options.CaseTimeout;
    }

    private static double ChopDelays(long bytes, Chop? chop) =>
        chop is null || chop.Size <= 0 ? 0 : (bytes / chop.Size) * chop.Delay.TotalMilliseconds;
}
