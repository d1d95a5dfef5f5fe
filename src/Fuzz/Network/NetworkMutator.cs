namespace Conformance.Fuzz.Network;

/// <summary>
/// Makes the next test from a corpus input: a stack of 1, 2, 4 or 8 mutations, each chosen among the protocol-aware
/// ones (frames about half the time, the head, the writes) and byte havoc. The same <see cref="Random"/> state and
/// inputs give the same test: a campaign is deterministic for a seed. The user's dictionary tokens, when given, are
/// picked half of the time where a mutation picks a token, and spliced as "token token" into payloads.
/// </summary>
public static class NetworkMutator
{
    /// <summary>A test never grows past this many frames.</summary>
    public const int MaxFrames = 64;

    /// <summary>Nor past this many bytes of frames (a test is one short exchange; huge sizes are announced, not sent).</summary>
    public const int MaxFrameBytes = 256 * 1024;

    /// <param name="input">The corpus input to mutate.</param>
    /// <param name="random">The campaign's random state: the same state and inputs give the same test.</param>
    /// <param name="other">Another corpus input, for splicing frames in.</param>
    /// <param name="tokens">The user's dictionary tokens (<c>--dictionary</c>); null or empty: RFC 6455's only, with the same random draws as ever.</param>
    public static NetworkInput Mutate(NetworkInput input, Random random, Func<NetworkInput>? other = null, IReadOnlyList<byte[]>? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(random);
        tokens = tokens is { Count: > 0 } ? tokens : null;
        var stack = 1 << random.Next(4);
        for (var i = 0; i < stack; i++)
        {
            var next = random.Next(100) switch
            {
                < 50 => FrameMutations.Apply(random.Next(FrameMutations.Count), input, random, other, tokens),
                < 70 => HeadMutations.Apply(random.Next(HeadMutations.Count), input, random),
                < 85 => WriteMutations.Apply(random.Next(WriteMutations.Count), input, random),
                _ => ByteHavoc.Apply(input, random, tokens),
            };
            if (next.Frames.Count <= MaxFrames && next.Frames.Sum(frame => frame.WireLength) <= MaxFrameBytes && next.HeadText.Length <= MaxFrameBytes)
            {
                input = next;
            }
        }

        return input;
    }
}
