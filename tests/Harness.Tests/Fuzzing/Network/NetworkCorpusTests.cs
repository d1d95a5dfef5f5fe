using Conformance.Fuzz.Network;
using Conformance.Harness.Fuzzing.Network;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>Which inputs a campaign mutates: with edge coverage what reached new code gets the tries, without it half go to the seeds.</summary>
public sealed class NetworkCorpusTests
{
    private const int Seeds = 500;
    private const int Picks = 10_000;

    private static readonly NetworkInput Found = Input("AUTH s3cret");

    [Fact]
    public void With_edge_coverage_an_input_that_reached_a_new_edge_gets_many_more_picks_than_the_seeds_it_came_from()
    {
        var corpus = new NetworkCorpus(Enumerable.Range(0, Seeds).Select(i => Input($"seed {i}")));
        for (var i = 0; i < Seeds; i++)
        {
            // Every seed hits the same edge of the server: one of them is favoured for it, the rest are not.
            corpus.Rate(i, TimeSpan.FromMilliseconds(2), [1]);
        }

        corpus.Add(Found, TimeSpan.FromMilliseconds(2), [1, 2]);

        var share = ShareOfFound(corpus);

        // 20% of picks among the newest finds, and half of the 70% among the two favoured entries.
        Assert.InRange(share, 0.40, 0.70);
    }

    [Fact]
    public void Without_edge_coverage_half_the_picks_are_seeds_and_a_find_gets_the_recent_share()
    {
        var corpus = new NetworkCorpus(Enumerable.Range(0, Seeds).Select(i => Input($"seed {i}")));
        corpus.Add(Found, TimeSpan.FromMilliseconds(2));

        var share = ShareOfFound(corpus);

        // 10% of picks among the newest finds (the only one here), a few more from the whole corpus.
        Assert.InRange(share, 0.05, 0.20);
    }

    private static double ShareOfFound(NetworkCorpus corpus)
    {
        var random = new Random(7);
        var found = 0;
        for (var i = 0; i < Picks; i++)
        {
            found += ReferenceEquals(corpus.Pick(random), Found) ? 1 : 0;
        }

        return (double)found / Picks;
    }

    private static NetworkInput Input(string text) =>
        new() { Frames = [new WireFrame { Opcode = 1, Payload = System.Text.Encoding.ASCII.GetBytes(text) }] };
}
