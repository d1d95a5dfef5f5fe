using System.Diagnostics;
using Conformance.ReferenceImpl.Transport;

namespace Conformance.Harness.Benchmarking;

/// <summary>
/// One echo measurement: opens the scenario's connections, warms up, measures for the duration (a timeline point a
/// second), then lets every connection finish its outstanding echoes and close. Ctrl-C ends the measurement early and
/// keeps what was measured.
/// </summary>
internal static class EchoLoad
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WatchdogTick = TimeSpan.FromMilliseconds(250);

    public static async Task<BenchResult> RunAsync(BenchTarget target, BenchScenario scenario, BenchClientOptions options, Action<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new EchoRunState(WebSocketAddress.Parse(target.Url), scenario, options);
        var ratePerConnection = scenario.Rate is { } rate ? rate / scenario.Connections : 0;
        var workers = Enumerable.Range(0, scenario.Connections).Select(_ => new EchoWorker(run, ratePerConnection)).ToArray();
        var started = Stopwatch.GetTimestamp();
        run.Errors.Counting = false;
        var running = workers.Select(worker => Task.Run(worker.RunAsync)).ToArray();

        var timeline = new List<TimelinePoint>();
        var measuring = false;
        var measureStart = started;
        CpuMeter? cpu = null;
        TimeSpan? serverCpuStart = null;
        long bytesAtStart = 0;
        var bytesAtTick = 0L;
        double? handshakesPerSecond = null;
        var nextTick = started + (long)(Tick.TotalSeconds * Stopwatch.Frequency);
        var end = long.MaxValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in workers)
            {
                worker.CheckProgress(now, options.EchoTimeout);
            }

            if (handshakesPerSecond is null && run.AllOpenAt is > 0 and var allOpenAt)
            {
                handshakesPerSecond = scenario.Connections / Math.Max(Stopwatch.GetElapsedTime(started, allOpenAt).TotalSeconds, 1e-6);
            }

            if (!measuring && Stopwatch.GetElapsedTime(started, now) >= scenario.Warmup)
            {
                // RFC-free bookkeeping: what happened in the warm-up is not measured.
                measuring = true;
                run.Latency.Restart();
                run.Errors.Clear();
                run.Errors.Counting = true;
                cpu = new CpuMeter();
                serverCpuStart = ProcessCpu.Used(target.Pid);
                bytesAtStart = bytesAtTick = run.Bytes;
                measureStart = now;
                end = now + (long)(scenario.Duration.TotalSeconds * Stopwatch.Frequency);
                nextTick = now + (long)(Tick.TotalSeconds * Stopwatch.Frequency);
            }

            if (measuring && now >= end)
            {
                break;
            }

            if (now >= nextTick)
            {
                nextTick += (long)(Tick.TotalSeconds * Stopwatch.Frequency);
                var second = Stopwatch.GetElapsedTime(measuring ? measureStart : started, now).TotalSeconds;
                var bytesNow = run.Bytes;
                var point = measuring ? TakePoint(run, second, bytesNow - bytesAtTick) : null;
                bytesAtTick = bytesNow;
                if (point is not null)
                {
                    timeline.Add(point);
                }

                progress?.Invoke(new BenchProgress(target.Name, scenario.Label, measuring ? "measuring" : "warm-up", Math.Round(second), point?.MessagesPerSecond ?? 0, point?.P99Ms ?? 0, run.Open, run.Errors.Total, run.Errors.WrongEchoes));
            }

            try
            {
                await Task.Delay(WatchdogTick, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var stopped = Stopwatch.GetTimestamp();
        var bytes = measuring ? run.Bytes - bytesAtStart : 0;
        var held = run.Open;
        run.Stop();
        var elapsed = measuring ? Stopwatch.GetElapsedTime(measureStart, stopped).TotalSeconds : 0;
        var cpuSeconds = cpu?.Seconds ?? 0;
        var serverCpu = ProcessCpu.Used(target.Pid) - serverCpuStart;
        var cpuPercent = CpuMeter.PercentOfMachine(cpuSeconds, elapsed);
        if (measuring)
        {
            run.Latency.TakeInterval();
        }

        // Still counted: an echo that never comes back is lost however late the watchdog notices.
        await DrainAsync(workers, running, options.EchoTimeout);

        var total = run.Latency.Total;
        var messages = measuring ? total.TotalCount : 0;
        return new BenchResult
        {
            Name = target.Name,
            Url = target.Url.ToString(),
            Agent = string.IsNullOrEmpty(run.Agent) ? null : run.Agent,
            Scenario = scenario,
            ElapsedSeconds = elapsed,
            Messages = messages,
            Bytes = bytes,
            MessagesPerSecond = elapsed > 0 ? messages / elapsed : 0,
            MegabytesPerSecond = elapsed > 0 ? bytes / elapsed / 1e6 : 0,
            LatencyMs = LatencyRecorder.Summarise(total),
            Percentiles = LatencyRecorder.Curve(total),
            Timeline = timeline,
            Errors = run.Errors.Total,
            ErrorsByKind = run.Errors.ByKind(),
            WrongEchoes = run.Errors.WrongEchoes,
            ConnectionsHeld = held,
            ConnectionsAttempted = scenario.Connections,
            HandshakesPerSecond = handshakesPerSecond ?? 0,
            ClientCpuSeconds = cpuSeconds,
            ClientCpuPercent = cpuPercent,
            DeflateAccepted = run.DeflateAccepted,
            ServerCpuSeconds = serverCpu?.TotalSeconds,
            ServerCpuMicrosecondsPerMessage = serverCpu is { } used && messages > 0 ? used.TotalMicroseconds / messages : null,
        };
    }

    private static TimelinePoint TakePoint(EchoRunState run, double second, long bytes)
    {
        var interval = run.Latency.TakeInterval();
        var count = interval.TotalCount;
        return new TimelinePoint(
            second,
            count,
            bytes / 1e6,
            count == 0 ? 0 : LatencyRecorder.Milliseconds(interval.GetValueAtPercentile(50)),
            count == 0 ? 0 : LatencyRecorder.Milliseconds(interval.GetValueAtPercentile(99)),
            run.Open);
    }

    /// <summary>Waits for the connections to finish their echoes and close; the watchdog drops any that stall.</summary>
    private static async Task DrainAsync(EchoWorker[] workers, Task[] running, TimeSpan echoTimeout)
    {
        var all = Task.WhenAll(running);
        var deadline = Stopwatch.GetTimestamp() + (long)((echoTimeout + TimeSpan.FromSeconds(5)).TotalSeconds * Stopwatch.Frequency);
        while (!all.IsCompleted && Stopwatch.GetTimestamp() < deadline)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in workers)
            {
                worker.CheckProgress(now, echoTimeout);
            }

            await Task.WhenAny(all, Task.Delay(WatchdogTick));
        }
    }
}
