using System.Diagnostics;
using System.Text;
using Conformance.Fuzz.Afl;

namespace Conformance.Fuzz.Campaign;

/// <summary>A child process whose output is kept (the last lines) and that is stopped politely (SIGINT), then for good.</summary>
internal sealed class BoundedProcess : IDisposable
{
    private const int KeptLines = 60;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    public BoundedProcess(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGINT (AFL++ then writes its final stats and stops its target), then a kill after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Libc.Kill(_process.Id, Libc.SigInt);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }

    public static string Join(IEnumerable<BoundedProcess> processes)
    {
        var text = new StringBuilder();
        foreach (var process in processes)
        {
            text.AppendLine(process.Tail);
        }

        return text.ToString();
    }
}
