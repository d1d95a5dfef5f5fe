namespace Conformance.Fuzz.Network;

/// <summary>
/// Makes the next test from a corpus input: a stack of 1, 2, 4 or 8 mutations, each chosen among the protocol-aware
/// ones (frames about half the time, the head, the writes) and byte havoc. The same <see cref="Random"/> state and
/// inputs give the same test: a campaign is deterministic for a seed.
/// </summary>
public static class NetworkMutator
{
    /// <summary>A test never grows past this many frames.</summary>
    public const int MaxFrames = 64;

    /// <summary>Nor past this many bytes of frames (a test is one short exchange; huge sizes are announced, not sent).</summary>
    public const int MaxFrameBytes = 256 * 1024;

    public static NetworkInput Mutate(NetworkInput input, Random random, Func<NetworkInput>? other = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(random);
        var stack = 1 << random.Next(4);
        for (var i = 0; i < stack; i++)
        {
            var next = random.Next(100) switch
            {
                < 50 => FrameMutations.Apply(random.Next(FrameMutations.Count), input, random, other),
                < 70 => HeadMutations.Apply(random.Next(HeadMutations.Count), input, random),
                < 85 => WriteMutations.Apply(random.Next(WriteMutations.Count), input, random),
                _ => ByteHavoc.Apply(input, random),
            };
            if (next.Frames.Count <= MaxFrames && next.Frames.Sum(frame => frame.WireLength) <= MaxFrameBytes && next.HeadText.Length <= MaxFrameBytes)
            {
                input = next;
            }
        }

        return input;
    }
}
