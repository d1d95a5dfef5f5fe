using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Running;

namespace Conformance.Harness.Fuzzing.Network.Supervision;

/// <summary>
/// One supervised server under test: <c>/bin/sh -c COMMAND</c> with <c>{port}</c> replaced (and WSCONFORM_PORT set),
/// ready once a fresh handshake and ping are answered. It keeps the tail of the server's stderr, says how it exited,
/// reads its resident memory, and kills the whole process tree when disposed.
/// </summary>
public sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _stderr = new();
    private int? _exitCode;

    private TargetProcess(Process process, int port, string command)
    {
        _process = process;
        Port = port;
        Command = command;
        Memory = new ProcessTreeMemory(process.Id);
    }

    public int Port { get; }

    /// <summary>The command as started (the port filled in).</summary>
    public string Command { get; }

    public int Pid => _process.Id;

    public ProcessTreeMemory Memory { get; }

    public bool HasExited => _exitCode is not null || _process.HasExited;

    /// <summary>"exit code 1", "signal 11 (SIGSEGV)"; null while it runs.</summary>
    public string? ExitDescription => _exitCode is { } code ? ExitStatus.Describe(code) : _process.HasExited ? ExitStatus.Describe(_process.ExitCode) : null;

    public string Stderr => _stderr.Text;

    /// <summary>A loopback port free now (the server binds it next).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until it answers; throws <see cref="TargetStartException"/> when it exits or never does.</summary>
    public static async Task<TargetProcess> StartAsync(string commandTemplate, int port, IReadOnlyDictionary<string, string> environment, CaseRunner probe, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandTemplate);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(probe);
        var command = commandTemplate.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["WSCONFORM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new TargetStartException($"could not start /bin/sh -c {command}");
        var target = new TargetProcess(process, port, command);
        process.ErrorDataReceived += (_, e) => target._stderr.Append(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await target.WaitReadyAsync(probe, readyTimeout, cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(CaseRunner probe, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new TargetStartException($"the target exited during start-up with {ExitDescription}: {Command}\n{TailLines(Stderr, 20)}");
            }

            var (answered, _, _) = await SurvivalProbe.AnswersAsync(probe, TimeSpan.FromSeconds(1), cancellationToken);
            if (answered)
            {
                return;
            }

            if (clock.Elapsed > readyTimeout)
            {
                throw new TargetStartException($"the target did not answer a handshake and ping within {readyTimeout.TotalSeconds:0} s of starting: {Command}\n{TailLines(Stderr, 20)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits up to <paramref name="within"/> for the process to exit; true when it has.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        if (_exitCode is not null)
        {
            return true;
        }

        using var bound = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>The last <paramref name="count"/> lines of a text.</summary>
    public static string TailLines(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_exitCode is not null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await WaitForExitAsync(TimeSpan.FromSeconds(5));
            // Let the stderr reader drain what the process wrote last.
            _process.WaitForExit(1000);
            _exitCode = _process.HasExited ? _process.ExitCode : -1;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _exitCode ??= -1;
        }

        _process.Dispose();
    }
}
