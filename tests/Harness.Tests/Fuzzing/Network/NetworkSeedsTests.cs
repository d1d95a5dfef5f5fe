using Conformance.Harness.Cases.Model;
using Conformance.Harness.Cli;
using Conformance.Harness.Fuzzing.Network;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing.Network;

/// <summary>The catalogue's server cases are the seeds of a network campaign, with their handshakes and write patterns.</summary>
public sealed class NetworkSeedsTests
{
    private static readonly IReadOnlyList<CaseDefinition> Catalogue = [.. CatalogueSource.Load(null, [], [])];

    [Fact]
    public void Every_distinct_server_case_is_a_seed()
    {
        var seeds = NetworkSeeds.FromCatalogue(Catalogue);
        Assert.InRange(seeds.Count, 400, Catalogue.Count);
        Assert.Equal(seeds.Count, seeds.Select(s => Convert.ToHexString(s.ToWireBytes())).Distinct().Count());
    }

    [Fact]
    public void Seeds_keep_the_cases_handshake_edits_and_write_patterns()
    {
        var seeds = NetworkSeeds.FromCatalogue(Catalogue);
        Assert.Contains(seeds, s => s.Head.Any(line => line.StartsWith("Sec-WebSocket-Extensions: permessage-deflate", StringComparison.Ordinal)));
        Assert.Contains(seeds, s => s.Head.All(line => !line.StartsWith("Sec-WebSocket-Key", StringComparison.Ordinal)));
        Assert.Contains(seeds, s => s.Writes().Count > 10);
        Assert.Contains(seeds, s => s.Frames.Count >= 3 && s.Frames[1].Opcode == 9 && !s.Frames[0].Fin);
    }
}
