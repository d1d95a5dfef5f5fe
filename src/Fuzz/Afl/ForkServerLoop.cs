using Conformance.Fuzz.Runtime;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// The "fake fork server" in persistent mode: the .NET process never forks. For each run AFL++ writes 4 bytes on fd 198;
/// we answer a pid, run the input against the target, and answer a wait status (0 = exited normally, 6 = killed by
/// SIGABRT, which AFL++ counts as a crash). AFL++ clears the shared map before each run.
/// </summary>
internal static class ForkServerLoop
{
    /// <summary>The wait status for an unexpected exception: "terminated by SIGABRT".</summary>
    public const int CrashStatus = Libc.SigAbrt;

    /// <summary>Serves runs until AFL++ closes its pipe.</summary>
    /// <param name="action">The target.</param>
    /// <param name="input">Where each run's input is read from.</param>
    /// <param name="state">The supervisor's shared state, when running out of process.</param>
    public static void Serve(ReadOnlySpanAction action, InputSource input, WorkerStateFile? state)
    {
        var pid = Environment.ProcessId;
        while (true)
        {
            if (state is not null)
            {
                state.Stage = WorkerStage.Idle;
            }

            if (!AflPipes.ReadControl())
            {
                return;
            }

            if (state is not null)
            {
                state.Stage = WorkerStage.ControlRead;
            }

            AflPipes.WriteStatus(pid);
            if (state is not null)
            {
                state.Stage = WorkerStage.Running;
            }

            var status = RunOnce(action, input.Read());
            if (state is not null)
            {
                state.Runs++;
            }

            AflPipes.WriteStatus(status);
        }
    }

    /// <summary>Runs one input with a fresh edge history; returns the wait status to report.</summary>
    public static int RunOnce(ReadOnlySpanAction action, ReadOnlySpan<byte> data)
    {
        Coverage.BeginRun();
        try
        {
            action(data);
            return 0;
        }
#pragma warning disable CA1031 // Any exception the target lets out is the finding.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            CrashLog.Write(exception, data);
            return CrashStatus;
        }
    }
}
