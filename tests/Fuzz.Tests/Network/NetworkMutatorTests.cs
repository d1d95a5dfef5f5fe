using Conformance.Fuzz.Network;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Fuzz.Tests.Network;

public sealed class NetworkMutatorTests
{
    private static readonly NetworkInput Seed = new()
    {
        Frames =
        [
            new WireFrame { Opcode = 1, Fin = false, Payload = "fragment1"u8.ToArray() },
            new WireFrame { Opcode = 9, Payload = "ping"u8.ToArray() },
            new WireFrame { Opcode = 0, Payload = "fragment2"u8.ToArray() },
        ],
    };

    [Fact]
    public void The_same_seed_makes_the_same_tests()
    {
        static List<string> Tests(int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(NetworkMutator.Mutate(Seed, random, () => Seed).ToWireBytes()))];
        }

        Assert.Equal(Tests(42), Tests(42));
        Assert.NotEqual(Tests(42), Tests(43));
    }

    [Fact]
    public void Mutated_tests_stay_within_the_bounds_of_one_short_exchange()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var input = Seed;
            for (var i = 0; i < 20; i++)
            {
                input = NetworkMutator.Mutate(input, random, () => Seed);
            }

            return input.Frames.Count <= NetworkMutator.MaxFrames && input.FrameBytes().Length <= NetworkMutator.MaxFrameBytes && input.Writes().Count <= NetworkInput.MaxWrites;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Mutations_reach_the_protocol_shapes_a_server_must_handle()
    {
        // RFC 6455 5.4 (fragments, control frames between them), 5.2 (RSV, lengths), 5.1 (masking), 4.1 (the head).
        var random = new Random(7);
        var seen = new HashSet<string>();
        for (var i = 0; i < 5000; i++)
        {
            var input = NetworkMutator.Mutate(Seed, random, () => Seed);
            var frames = input.Frames.Where(f => f.Raw is null).ToList();
            if (frames.Count(f => f.Opcode == 0) >= 2 && frames.Any(f => f.Opcode == 9))
            {
                seen.Add("three fragments and a ping");
            }

            if (frames.Any(f => f.Opcode == 8 && f.Payload.Length > 2))
            {
                seen.Add("a close with a reason");
            }

            if (frames.Any(f => f.Rsv != 0))
            {
                seen.Add("rsv bits");
            }

            if (frames.Any(f => !f.Masked))
            {
                seen.Add("unmasked");
            }

            if (frames.Any(f => f.Length is not null))
            {
                seen.Add("a lying length");
            }

            if (input.Writes().Count > 1 && input.DelayMs > 0)
            {
                seen.Add("timed writes");
            }

            if (input.Head.Count > NetworkInput.DefaultHead.Count && input.Head.Distinct().Count() < input.Head.Count)
            {
                seen.Add("a header twice");
            }

            if (input.Head.Any(line => line.Length > 1000))
            {
                seen.Add("an oversized header");
            }

            if (input.Frames.Any(f => f.Raw is not null))
            {
                seen.Add("byte havoc");
            }
        }

        Assert.Equal(9, seen.Count);
    }
}
