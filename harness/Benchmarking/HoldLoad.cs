using System.Collections.Concurrent;
using System.Diagnostics;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// Connection capacity: opens <see cref="BenchScenario.Hold"/> connections at <see cref="BenchScenario.HandshakeRate"/>
/// handshakes a second, keeps them idle for <see cref="BenchScenario.HoldFor"/>, then pings every one. The server
/// held the connections that answered; the rest are counted by why they were lost.
/// </summary>
internal static class HoldLoad
{
    private const int MaxHandshakesInProgress = 256;

    public static async Task<BenchResult> RunAsync(BenchTarget target, BenchScenario scenario, BenchClientOptions options, Action<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        var address = WebSocketAddress.Parse(target.Url);
        var errors = new ErrorTally();
        var held = new ConcurrentBag<HeldConnection>();
        string? agent = null;
        var cpu = new CpuMeter();
        var started = Stopwatch.GetTimestamp();
        using var inProgress = new SemaphoreSlim(MaxHandshakesInProgress);
        var opening = new List<Task>();
        var lastReport = started;
        var interval = Stopwatch.Frequency / scenario.HandshakeRate;

        for (var i = 0; i < scenario.Hold && !cancellationToken.IsCancellationRequested; i++)
        {
            // The ramp: handshake i starts no earlier than i / rate seconds in.
            var due = started + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Delay(wait, cancellationToken);
            }

            await inProgress.WaitAsync(CancellationToken.None);
            opening.Add(Task.Run(async () =>
            {
                try
                {
                    var connection = await BenchConnection.OpenAsync(address, options, scenario.Deflate, null, CancellationToken.None);
                    agent ??= connection.Accepted.Response.Headers.GetCombined("Server");
                    held.Add(new HeldConnection(connection));
                }
                catch (BenchConnectException exception)
                {
                    errors.Add(exception.Kind);
                }
                finally
                {
                    inProgress.Release();
                }
            }, CancellationToken.None));

            if (Stopwatch.GetElapsedTime(lastReport).TotalSeconds >= 1)
            {
                lastReport = Stopwatch.GetTimestamp();
                progress?.Invoke(new BenchProgress(target.Name, scenario.Label, "ramp", Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds), 0, 0, Open(held), errors.Total, 0));
            }
        }

        await Task.WhenAll(opening);
        var rampSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var handshakes = held.Count;

        var holdUntil = Stopwatch.GetTimestamp() + (long)(scenario.HoldFor.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < holdUntil && !cancellationToken.IsCancellationRequested)
        {
            progress?.Invoke(new BenchProgress(target.Name, scenario.Label, "hold", Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds), 0, 0, Open(held), errors.Total, 0));
            await Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        // Every connection still open must answer a ping: an idle connection the server forgot is not held.
        progress?.Invoke(new BenchProgress(target.Name, scenario.Label, "checking", Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds), 0, 0, Open(held), errors.Total, 0));
        var connections = held.ToArray();
        var answered = await Task.WhenAll(connections.Select(connection => connection.PingAsync(options.EchoTimeout)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        for (var i = 0; i < connections.Length; i++)
        {
            if (!answered[i])
            {
                errors.Add(connections[i].Lost ?? "no pong within the echo timeout");
            }
        }

        var cpuSeconds = cpu.Seconds;
        await Task.WhenAll(connections.Select(connection => connection.CloseAsync()));
        return new BenchResult
        {
            Name = target.Name,
            Url = target.Url.ToString(),
            Agent = string.IsNullOrEmpty(agent) ? null : agent,
            Scenario = scenario,
            ElapsedSeconds = elapsed,
            Errors = errors.Total,
            ErrorsByKind = errors.ByKind(),
            ConnectionsHeld = answered.Count(ok => ok),
            ConnectionsAttempted = scenario.Hold,
            HandshakesPerSecond = rampSeconds > 0 ? handshakes / rampSeconds : 0,
            ClientCpuSeconds = cpuSeconds,
            ClientCpuPercent = CpuMeter.PercentOfMachine(cpuSeconds, elapsed),
        };
    }

    private static int Open(ConcurrentBag<HeldConnection> held) => held.Count(connection => connection.Lost is null);

    private static async Task Delay(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted: the connections made so far are still checked and reported.
        }
    }
}
