using System.Diagnostics;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// A server started for the measurement as its own process (the reference server by default), so its CPU is not
/// counted as the load generator's; ready once a WebSocket handshake succeeds; killed on dispose.
/// </summary>
internal sealed class ServerChild : IAsyncDisposable
{
    private readonly Process _process;

    private ServerChild(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    /// <summary>Starts <c>/bin/sh -c COMMAND</c> ({port} replaced) and waits until it completes a handshake.</summary>
    /// <exception cref="InvalidOperationException">It exited, or did not answer within <paramref name="readyWithin"/>.</exception>
    public static async Task<ServerChild> StartAsync(string commandTemplate, int port, TimeSpan readyWithin, CancellationToken cancellationToken)
    {
        var command = commandTemplate.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec " + command);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{command}'");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ServerChild(process, new Uri($"ws://127.0.0.1:{port}/"));
        var address = WebSocketAddress.Parse(child.Url);
        var deadline = Stopwatch.GetTimestamp() + (long)(readyWithin.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await child.DisposeAsync();
                throw new InvalidOperationException($"'{command}' exited with code {process.ExitCode} before it answered a handshake");
            }

            try
            {
                await using var probe = await BenchConnection.OpenAsync(address, new BenchClientOptions { HandshakeTimeout = TimeSpan.FromSeconds(2) }, deflate: false, null, cancellationToken);
                return child;
            }
            catch (BenchConnectException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (BenchConnectException exception)
            {
                await child.DisposeAsync();
                throw new InvalidOperationException($"'{command}' did not answer a handshake within {readyWithin.TotalSeconds:0} s ({exception.Kind})", exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or it will be reaped with this process.
        }

        _process.Dispose();
    }
}
