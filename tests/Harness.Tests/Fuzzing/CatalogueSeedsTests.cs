using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Fuzzing;
using Conformance.Harness.Tests.Cases;
using Conformance.ReferenceImpl.Framing;
using Xunit;

namespace Conformance.Harness.Tests.Fuzzing;

/// <summary>Coverage campaigns start from the frames the case catalogue sends.</summary>
public sealed class CatalogueSeedsTests : IDisposable
{
    private readonly string _seeds = Directory.CreateTempSubdirectory("wsconform-seeds-").FullName;

    public void Dispose() => Directory.Delete(_seeds, recursive: true);

    [Fact]
    public void The_frame_targets_get_every_distinct_small_frame_the_catalogue_sends_as_parseable_seeds()
    {
        var catalogue = CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases;

        var written = CatalogueSeeds.Write("frames", _seeds, catalogue);

        Assert.InRange(written, 50, CatalogueSeeds.MaxCatalogueSeeds);
        var seeds = Directory.GetFiles(_seeds, "catalogue-*");
        Assert.Equal(written, seeds.Length);
        Assert.All(seeds, path =>
        {
            var bytes = File.ReadAllBytes(path);
            Assert.InRange(bytes.Length, 2, CatalogueSeeds.MaxSeedBytes);
            Assert.NotEmpty(new FrameStreamParser().Feed(bytes));
        });
    }

    [Fact]
    public void Targets_that_read_no_frames_get_only_their_own_seeds()
    {
        var written = CatalogueSeeds.Write("utf8", _seeds, CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases);

        Assert.Equal(0, written);
        Assert.Empty(Directory.GetFiles(_seeds, "catalogue-*"));
        Assert.NotEmpty(Directory.GetFiles(_seeds));
    }
}
