using Conformance.Fuzz.Network;

namespace Conformance.Fuzz.Tests.Network;

/// <summary>A user's dictionary (<c>--dictionary</c>) reaches frame payloads, and a campaign stays deterministic with it.</summary>
public sealed class UserTokenMutationTests
{
    private static readonly NetworkInput Seed = new()
    {
        Frames =
        [
            new WireFrame { Opcode = 1, Payload = "hello"u8.ToArray() },
            new WireFrame { Opcode = 1, Payload = "world"u8.ToArray() },
        ],
    };

    private static readonly IReadOnlyList<byte[]> Tokens = ["NICK"u8.ToArray(), "JOIN"u8.ToArray(), "#lobby"u8.ToArray()];

    [Fact]
    public void With_user_tokens_mutated_payloads_start_with_contain_and_splice_them()
    {
        var random = new Random(1);
        var payloads = Enumerable.Range(0, 500)
            .SelectMany(_ => NetworkMutator.Mutate(Seed, random, () => Seed, Tokens).Frames)
            .Where(f => f.Raw is null)
            .Select(f => System.Text.Encoding.Latin1.GetString(f.Payload))
            .ToList();
        var words = Tokens.Select(t => System.Text.Encoding.Latin1.GetString(t)).ToList();

        Assert.Contains(payloads, p => words.Contains(p));
        Assert.Contains(payloads, p => words.Any(w => p.Contains(w, StringComparison.Ordinal) && p != w && !p.StartsWith(w, StringComparison.Ordinal)));
        Assert.Contains(payloads, p => p.Split(' ') is [var command, var argument] && words.Contains(command) && words.Contains(argument));
    }

    [Fact]
    public void Without_user_tokens_no_payload_holds_them()
    {
        var random = new Random(1);
        var payloads = Enumerable.Range(0, 500)
            .SelectMany(_ => NetworkMutator.Mutate(Seed, random, () => Seed).Frames)
            .Select(f => System.Text.Encoding.Latin1.GetString(f.Raw ?? f.Payload));

        Assert.DoesNotContain(payloads, p => p.Contains("NICK", StringComparison.Ordinal) || p.Contains("#lobby", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_seed_and_tokens_make_the_same_tests()
    {
        Assert.Equal(Tests(42, Tokens), Tests(42, Tokens));
        Assert.NotEqual(Tests(42, Tokens), Tests(43, Tokens));
        Assert.NotEqual(Tests(42, Tokens), Tests(42, null));
    }

    [Fact]
    public void An_empty_dictionary_makes_the_tests_of_none()
    {
        Assert.Equal(Tests(42, null), Tests(42, []));
    }

    private static List<string> Tests(int seed, IReadOnlyList<byte[]>? tokens)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(NetworkMutator.Mutate(Seed, random, () => Seed, tokens).ToWireBytes()))];
    }
}
