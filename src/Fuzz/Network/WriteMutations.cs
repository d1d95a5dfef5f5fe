namespace Conformance.Fuzz.Network;

/// <summary>
/// Mutations of how the bytes reach TCP: one write per frame, N-byte pieces, cuts at random bytes (a header split from
/// its payload), pauses between writes, the head chopped, frames in the same write as the head.
/// </summary>
internal static class WriteMutations
{
    public const int Count = 6;

    public static NetworkInput Apply(int which, NetworkInput input, Random random)
    {
        var sizes = input.Frames.Select(frame => frame.WireLength).ToList();
        switch (which)
        {
            case 0: // each frame its own write
                return input with { Cuts = [.. Enumerable.Range(1, Math.Max(0, sizes.Count - 1)).Select(i => new WireCut(i, 0))] };
            case 1: // N-byte pieces
                var chop = new[] { 1, 2, 3, 7, 16 }[random.Next(5)];
                var cuts = new List<WireCut>();
                for (var f = 0; f < sizes.Count && cuts.Count < NetworkInput.MaxWrites; f++)
                {
                    for (var offset = f == 0 ? chop : 0; offset < sizes[f] && cuts.Count < NetworkInput.MaxWrites; offset += chop)
                    {
                        cuts.Add(new WireCut(f, offset));
                    }
                }

                return input with { Cuts = cuts };
            case 2: // a cut inside a frame: its header in one write, the rest in the next
                if (sizes.Count == 0)
                {
                    return input;
                }

                var frame = random.Next(sizes.Count);
                var at = random.Next(3) == 0 ? random.Next(Math.Max(1, sizes[frame])) : Math.Min(sizes[frame] - 1, 1 + random.Next(Math.Min(14, Math.Max(1, sizes[frame]))));
                return input with { Cuts = [.. input.Cuts, new WireCut(frame, Math.Max(0, at)), new WireCut(frame + 1, 0)] };
            case 3: // a pause between writes
                return input with { DelayMs = new[] { 0, 1, 2, 5, 10, 20, NetworkInput.MaxDelayMs }[random.Next(7)] };
            case 4: // the head in pieces, or frames in the same write as the head
                return random.Next(2) == 0
                    ? input with { HeadChop = new[] { 0, 1, 2, 8, 64 }[random.Next(5)] }
                    : input with { FramesWithHead = !input.FramesWithHead };
            default: // one write again
                return input with { Cuts = [] };
        }
    }
}
