using Conformance.Fuzz.Network;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// Shrinks a finding's input by delta debugging while it still reproduces (each try a live run against a freshly
/// started server, which <c>reproduces</c> does): frames first, then head lines, then the write pattern (with a pause
/// wherever writes stay split, so the file reproduces whatever the scheduler does), then the bytes
/// of each frame and of long head lines. Bounded by a number of runs and a time; the smallest reproducing input found
/// is the answer.
/// </summary>
public sealed class NetworkMinimiser(Func<NetworkInput, Task<bool>> reproduces, int maxRuns, TimeSpan maxTime)
{
    private readonly System.Diagnostics.Stopwatch _clock = new();

    /// <summary>Live runs spent.</summary>
    public int Runs { get; private set; }

    private bool Spent => Runs >= maxRuns || _clock.Elapsed >= maxTime;

    public async Task<NetworkInput> MinimiseAsync(NetworkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _clock.Restart();

        // A pause first, where writes are split: then every run below reproduces as reliably as the fault allows.
        input = await SettlePausesAsync(input);

        // Frames, then head lines: the items of the input.
        var keep = await DeltaDebugging.MinimiseAsync(input.Frames.Count, indices => TryAsync(input.KeepFrames(indices)));
        input = input.KeepFrames(keep);
        var head = input.Head;
        var lines = await DeltaDebugging.MinimiseAsync(head.Count, indices => TryAsync(input with { Head = [.. indices.Select(i => head[i])] }));
        input = input with { Head = [.. lines.Select(i => head[i])] };

        // The write pattern: one write, the head whole, unless the fault needs them.
        foreach (var simpler in new Func<NetworkInput, NetworkInput>[]
        {
            i => i with { Cuts = [] },
            i => i with { HeadChop = 0 },
            i => i with { FramesWithHead = false },
        })
        {
            // Timing decides whether these still reproduce: a simpler pattern must do it twice in a row.
            var candidate = simpler(input);
            if (!Same(candidate, input) && await TryTwiceAsync(candidate))
            {
                input = candidate;
            }
        }

        input = await SettlePausesAsync(input);
        var cuts = input.Cuts;
        if (cuts.Count > 1)
        {
            var kept = await DeltaDebugging.MinimiseAsync(cuts.Count, indices => TryTwiceAsync(input with { Cuts = [.. indices.Select(i => cuts[i])] }));
            input = input with { Cuts = [.. kept.Select(i => cuts[i])] };
        }

        // Bytes: each frame's payload (or raw bytes), each long head line.
        for (var f = 0; f < input.Frames.Count && !Spent; f++)
        {
            var frame = input.Frames[f];
            var bytes = frame.Raw ?? frame.Payload;
            if (bytes.Length < 2)
            {
                continue;
            }

            var at = f;
            NetworkInput With(byte[] b) => input with { Frames = [.. input.Frames.Select((x, i) => i != at ? x : x.Raw is not null ? x with { Raw = b } : x with { Payload = b })] };
            bytes = await ShrinkBytesAsync(bytes, b => TryAsync(With(b)));
            input = With(bytes);
        }

        for (var l = 0; l < input.Head.Count && !Spent; l++)
        {
            if (input.Head[l].Length <= 32)
            {
                continue;
            }

            var at = l;
            NetworkInput With(string text) => input with { Head = [.. input.Head.Select((x, i) => i == at ? text : x)] };
            var latin1 = System.Text.Encoding.Latin1;
            var shrunk = await ShrinkBytesAsync(latin1.GetBytes(input.Head[l]), b => TryAsync(With(latin1.GetString(b))));
            input = With(latin1.GetString(shrunk));
        }

        return input;
    }

    /// <summary>Halves from the end while it still reproduces (long fillers go fast), then ddmin over the bytes in chunks.</summary>
    private async Task<byte[]> ShrinkBytesAsync(byte[] bytes, Func<byte[], Task<bool>> fails)
    {
        while (bytes.Length > 64 && !Spent && await fails(bytes[..(bytes.Length / 2)]))
        {
            bytes = bytes[..(bytes.Length / 2)];
        }

        // ddmin over chunks of a size that keeps the item count small.
        var chunk = Math.Max(1, bytes.Length / 64);
        var pieces = Enumerable.Range(0, (bytes.Length + chunk - 1) / chunk).Select(i => bytes[(i * chunk)..Math.Min(bytes.Length, (i + 1) * chunk)]).ToList();
        var kept = await DeltaDebugging.MinimiseAsync(pieces.Count, indices => fails([.. indices.SelectMany(i => pieces[i])]));
        return [.. kept.SelectMany(i => pieces[i])];
    }

    /// <summary>
    /// The pauses: none when everything goes in one write. When the fault needs split writes, the longest pause if that
    /// reproduces too: back-to-back writes reach the server as separate reads only when the scheduler allows, so without
    /// a pause the finding file would reproduce now and then (a leak of split pings did not, replayed on a loaded machine).
    /// </summary>
    private async Task<NetworkInput> SettlePausesAsync(NetworkInput input)
    {
        var split = input.Writes().Count > 1 || input.HeadPieceSize > 0;
        if (!split)
        {
            return input with { DelayMs = 0 };
        }

        var paused = input with { DelayMs = NetworkInput.MaxDelayMs };
        return paused.DelayMs != input.DelayMs && await TryTwiceAsync(paused) ? paused : input;
    }

    private async Task<bool> TryTwiceAsync(NetworkInput candidate) => await TryAsync(candidate) && await TryAsync(candidate);

    private async Task<bool> TryAsync(NetworkInput candidate)
    {
        if (Spent)
        {
            return false;
        }

        Runs++;
        return await reproduces(candidate);
    }

    private static bool Same(NetworkInput a, NetworkInput b) =>
        a.DelayMs == b.DelayMs && a.HeadChop == b.HeadChop && a.FramesWithHead == b.FramesWithHead && a.Cuts.SequenceEqual(b.Cuts);
}
