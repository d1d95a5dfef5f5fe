using System.Diagnostics;

namespace Conformance.Interop.Tests.Fuzzing;

/// <summary>
/// The six deliberately faulty servers of FuzzTargets/ (each a correct echo server except on one deep input) as
/// commands for <c>wsconform fuzz --mode network --exec</c>, the C one compiled first.
/// </summary>
public static class FuzzTargetServers
{
    private static readonly Lazy<string> CompiledSegv = new(CompileSegv);

    public static string Directory => Path.Combine(PeerLocator.RepoRoot, "tests", "Interop.Tests", "FuzzTargets");

    public static string Command(string name) => name switch
    {
        "traceback" => $"python3 {File("py_traceback_server.py")} {{port}}",
        "blocked" => $"{PeerLocator.Node} {File("node_blocked_loop_server.js")} {{port}}",
        "segv" => $"{CompiledSegv.Value} {{port}}",
        "leak" => $"python3 {File("py_leak_server.py")} {{port}}",
        "exit" => $"perl {File("perl_exit_server.pl")} {{port}}",
        "stuck" => $"python3 {File("py_stuck_server.py")} {{port}}",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fuzz target"),
    };

    private static string File(string name)
    {
        var path = Path.Combine(Directory, name);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"fuzz target {name} not found in {Directory}", path);
    }

    /// <summary>gcc is part of the interop peers (.ci/run installs it).</summary>
    private static string CompileSegv()
    {
        var output = Path.Combine(Path.GetTempPath(), $"wsconform-c-segv-{Environment.ProcessId}");
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O1", "-Wall", "-Wextra", "-pthread", "-o", output, File("c_segv_server.c")]) { RedirectStandardError = true })
            ?? throw new MissingPeerException("gcc", "gcc could not be started", "apt-get install -y gcc");
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        return gcc.ExitCode == 0 ? output : throw new InvalidOperationException($"gcc failed: {errors}");
    }
}
