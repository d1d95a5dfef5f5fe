namespace Conformance.Fuzz.Afl;

/// <summary>Where a worker is in the fork-server exchange, so the supervisor knows what AFL++ still waits for when it dies.</summary>
internal enum WorkerStage
{
    /// <summary>Between runs: AFL++ waits for nothing from us.</summary>
    Idle = 0,

    /// <summary>Read AFL++'s run command, pid not written yet: AFL++ waits for a pid and a status.</summary>
    ControlRead = 1,

    /// <summary>Pid written, running the input: AFL++ waits for a status.</summary>
    Running = 2,
}
