using System.Diagnostics;

namespace Conformance.Interop.Tests;

/// <summary>
/// Finds the third-party peers the interop tests run: <c>node</c> with the npm <c>ws</c> package,
/// Debian's <c>/usr/bin/python3</c> with <c>websockets</c>, and Debian's <c>/usr/bin/chromium</c>.
/// Scripts run from the source <c>Peers</c> folder (found by walking up to <c>Conformance.sln</c>)
/// so that its <c>node_modules</c> is reachable.
/// </summary>
public static class PeerLocator
{
    public const string AptStep = "apt-get install -y python3-websockets chromium";
    public const string NpmStep = "npm ci (in tests/Interop.Tests/Peers)";

    /// <summary>Debian's python; a pyenv python3 earlier on PATH cannot import Debian's packages.</summary>
    public const string DebianPython = "/usr/bin/python3";

    public const string DebianChromium = "/usr/bin/chromium";

    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);
    private static readonly Lazy<string> NodeLazy = new(FindNode);
    private static readonly Lazy<string> PythonLazy = new(FindPythonWithWebsockets);

    /// <summary>The repository root: the nearest ancestor of the test binaries holding Conformance.sln.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The source Peers folder (not the copy in bin/), where node_modules lives.</summary>
    public static string PeersDirectory => Path.Combine(RepoRoot, "tests", "Interop.Tests", "Peers");

    /// <summary>Path of <c>node</c>, with the <c>ws</c> package installed beside the peer scripts.</summary>
    public static string Node => NodeLazy.Value;

    /// <summary>Path of a python that imports <c>websockets</c> (always <c>/usr/bin/python3</c>).</summary>
    public static string Python => PythonLazy.Value;

    /// <summary>Path of Debian's Chromium.</summary>
    public static string Chromium => File.Exists(DebianChromium)
        ? DebianChromium
        : throw new MissingPeerException("chromium", $"{DebianChromium} does not exist", AptStep);

    /// <summary>Full path of a file in the source Peers folder; fails if it is not there.</summary>
    public static string PeerFile(string name)
    {
        var path = Path.Combine(PeersDirectory, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Peer script {name} not found in {PeersDirectory}", path);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No Conformance.sln above {AppContext.BaseDirectory}: the interop tests run the peer scripts from the source tree.");
    }

    private static string FindNode()
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists)
            ?? throw new MissingPeerException("node", "no `node` executable on PATH", "Node.js (node 20+) on the machine");

        var wsPackage = Path.Combine(PeersDirectory, "node_modules", "ws", "package.json");
        if (!File.Exists(wsPackage))
        {
            throw new MissingPeerException("npm ws", $"{wsPackage} does not exist", NpmStep);
        }

        return node;
    }

    private static string FindPythonWithWebsockets()
    {
        if (!File.Exists(DebianPython))
        {
            throw new MissingPeerException("python3-websockets", $"{DebianPython} does not exist", AptStep);
        }

        using var process = Process.Start(new ProcessStartInfo(DebianPython, ["-c", "import websockets; print(websockets.__version__)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new MissingPeerException("python3-websockets", $"{DebianPython} could not be started", AptStep);

        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new MissingPeerException("python3-websockets", "`import websockets` did not finish within 20 s", AptStep);
        }

        if (process.ExitCode != 0)
        {
            throw new MissingPeerException(
                "python3-websockets", $"{DebianPython} cannot import websockets: {stderr.Result.Trim()}", AptStep);
        }

        return DebianPython;
    }
}
