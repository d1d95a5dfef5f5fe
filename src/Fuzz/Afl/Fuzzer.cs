using Conformance.Fuzz.Runtime;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// Runs a fuzz target under AFL++, in the shape of SharpFuzz's <c>Fuzzer</c>: <see cref="Run"/> in process,
/// <see cref="OutOfProcess.Run"/> with a supervisor that survives hangs and hard crashes. The input is the file at
/// <c>inputPath</c> (AFL++'s <c>@@</c>) or, without one, standard input. Started outside AFL++ (no
/// <c>__AFL_SHM_ID</c>), both run the target once on that input and let any exception out: a reproducer.
/// </summary>
public static class Fuzzer
{
    /// <summary>
    /// In process: this process is the fork server. Fastest start, but a hang (AFL++ kills the process) or a crash the
    /// runtime cannot catch ends the campaign, as with SharpFuzz's <c>Fuzzer.Run</c>.
    /// </summary>
    public static void Run(ReadOnlySpanAction action, string? inputPath = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!AflPipes.UnderAfl)
        {
            RunOnce(action, inputPath);
            return;
        }

        SharedMap.AttachFromEnvironment();
        Warm(action);
        AflPipes.WriteStatus(0);
        ForkServerLoop.Serve(action, new InputSource(inputPath), null);
    }

    private static void RunOnce(ReadOnlySpanAction action, string? inputPath)
    {
        Coverage.BeginRun();
        action(new InputSource(inputPath).Read());
    }

    /// <summary>Compiles the target's common paths before AFL++ times runs (AFL++ clears the map before each run).</summary>
    private static void Warm(ReadOnlySpanAction action) => ForkServerLoop.RunOnce(action, []);

    /// <summary>Out of process (SharpFuzz's <c>Fuzzer.OutOfProcess</c>): see <see cref="Supervisor"/>.</summary>
    public static class OutOfProcess
    {
        public static void Run(ReadOnlySpanAction action, string? inputPath = null)
        {
            ArgumentNullException.ThrowIfNull(action);
            if (!AflPipes.UnderAfl)
            {
                RunOnce(action, inputPath);
                return;
            }

            var statePath = Environment.GetEnvironmentVariable(Supervisor.WorkerVariable);
            if (string.IsNullOrEmpty(statePath))
            {
                Environment.ExitCode = Supervisor.Run();
                return;
            }

            ParentWatch.Start();
            SharedMap.AttachFromEnvironment();
            Warm(action);
            using var state = WorkerStateFile.Open(statePath);
            ForkServerLoop.Serve(action, new InputSource(inputPath), state);
        }
    }
}
