using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Interop.Tests;

/// <summary>
/// A third-party peer running as a child process. Servers announce readiness with one stdout line
/// <c>LISTENING &lt;port&gt;</c>; clients run to completion. Output is captured for failure messages
/// and the whole process tree is killed on dispose.
/// </summary>
public sealed partial class PeerProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "LISTENING ";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        Command = string.Join(' ', arguments.Prepend(fileName));
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["NO_COLOR"] = "1";

        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdout, _stdoutDone, isStdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderr, _stderrDone, isStdout: false);
    }

    /// <summary>The command line, for messages.</summary>
    public string Command { get; }

    /// <summary>The port the server announced; valid after <see cref="StartServerAsync"/> returned.</summary>
    public int Port { get; private set; }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts a server peer and waits (bounded) until it prints <c>LISTENING &lt;port&gt;</c>.</summary>
    public static async Task<PeerProcess> StartServerAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var peer = new PeerProcess(fileName, arguments, workingDirectory);
        try
        {
            peer.Start();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(readyTimeout);
            var exited = peer._process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(peer._ready.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token));
            if (first == peer._ready.Task)
            {
                peer.Port = await peer._ready.Task;
                return peer;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var why = first == exited && exited.IsCompletedSuccessfully
                ? $"exited with {peer._process.ExitCode} before it was listening"
                : $"did not print `LISTENING <port>` within {readyTimeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"Peer server `{peer.Command}` {why}.\n{peer.DescribeOutput()}");
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a client peer to completion; past <paramref name="timeout"/> it is killed and reported as timed out.</summary>
    public static async Task<PeerRunResult> RunToCompletionAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var peer = new PeerProcess(fileName, arguments, workingDirectory);
        peer.Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await peer._process.WaitForExitAsync(deadline.Token);
            // Exit can be seen before the last lines are read: wait (bounded) for both streams to end.
            await Task.WhenAll(peer._stdoutDone.Task, peer._stderrDone.Task).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            peer.Kill();
        }

        var exitCode = peer._process.HasExited ? peer._process.ExitCode : -1;
        return new PeerRunResult(peer.Command, exitCode, timedOut, peer.StandardOutput, peer.StandardError);
    }

    /// <summary>stdout and stderr so far, for failure messages.</summary>
    public string DescribeOutput() => $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // Not started, or not reaped in time: nothing more to do here.
        }

        _process.Dispose();
    }

    private void Start()
    {
        if (!_process.Start())
        {
            throw new InvalidOperationException($"Could not start `{Command}`.");
        }

        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    private void OnLine(string? line, StringBuilder sink, TaskCompletionSource done, bool isStdout)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        lock (sink)
        {
            sink.Append(line).Append('\n');
        }

        if (isStdout && TryReadPort(line, out var port))
        {
            _ready.TrySetResult(port);
        }
    }

    /// <summary>The ready line: a peer script's <c>LISTENING &lt;port&gt;</c>, or the banner of <c>wsconform serve</c>.</summary>
    private static bool TryReadPort(string line, out int port)
    {
        var match = ServeBanner().Match(line);
        var digits = line.StartsWith(ReadyPrefix, StringComparison.Ordinal) ? line.AsSpan(ReadyPrefix.Length)
            : match.Success ? match.Groups["port"].ValueSpan
            : [];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
    }

    [GeneratedRegex(@"listening on wss?://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex ServeBanner();

    /// <summary>Sends a POSIX signal (SIGINT = 2, SIGTERM = 15) and waits, bounded, for the exit code.</summary>
    public async Task<int> SignalAndWaitAsync(int signal, TimeSpan timeout)
    {
        if (NativeSignals.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"could not send signal {signal} to `{Command}`");
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        await Task.WhenAll(_stdoutDone.Task, _stderrDone.Task).WaitAsync(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }
}
