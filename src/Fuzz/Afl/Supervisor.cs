using System.Diagnostics;

namespace Conformance.Fuzz.Afl;

/// <summary>
/// The process AFL++ starts, out of process: it answers AFL++'s hello, then keeps a worker (this same program, with
/// <see cref="WorkerVariable"/> set) that inherits fds 198/199 and the shared map and serves runs itself. When the
/// worker dies — killed by AFL++ after a timeout (the pid AFL++ kills is the worker's), or by a crash the runtime cannot
/// catch (stack overflow, fail-fast) — the supervisor tells AFL++ what it still waits for (a hang or a crash status),
/// and starts a new worker, so the campaign goes on.
/// </summary>
internal static class Supervisor
{
    /// <summary>Set in a worker's environment to the path of the state file it shares with its supervisor.</summary>
    public const string WorkerVariable = "WSCONFORM_FUZZ_WORKER";

    private const int MaxFailedStarts = 3;
    private const int ExitCodeKilled = 128 + Libc.SigKill;

    public static int Run()
    {
        AflPipes.WriteStatus(0);
        using var state = WorkerStateFile.Create();
        try
        {
            var failedStarts = 0;
            while (true)
            {
                state.Stage = WorkerStage.Idle;
                state.Runs = 0;
                using var worker = StartWorker(state.Path);
                worker.WaitForExit();
                var stage = state.Stage;
                if (stage == WorkerStage.Idle && worker.ExitCode == 0)
                {
                    return 0; // AFL++ closed its pipe.
                }

                if (stage == WorkerStage.ControlRead)
                {
                    AflPipes.WriteStatus(worker.Id);
                }

                if (stage != WorkerStage.Idle)
                {
                    AflPipes.WriteStatus(worker.ExitCode == ExitCodeKilled ? Libc.SigKill : Libc.SigAbrt);
                }

                failedStarts = stage == WorkerStage.Idle && state.Runs == 0 ? failedStarts + 1 : 0;
                if (failedStarts >= MaxFailedStarts)
                {
                    Console.Error.WriteLine($"wsconform-fuzz: the worker exited {MaxFailedStarts} times before its first run (last exit code {worker.ExitCode}); giving up");
                    return 1;
                }
            }
        }
        finally
        {
            File.Delete(state.Path);
        }
    }

    private static Process StartWorker(string statePath)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start a worker with");
        var args = Environment.GetCommandLineArgs();
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        var isDotnetHost = string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal);
        foreach (var arg in isDotnetHost ? args : args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[WorkerVariable] = statePath;
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start a worker with {host}");
    }
}
