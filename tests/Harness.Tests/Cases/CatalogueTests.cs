using Conformance.Harness.Cases.Loading;
using Xunit;

namespace Conformance.Harness.Tests.Cases;

/// <summary>The repository's own cases/ directory loads without a mistake: this test is the catalogue's validation.</summary>
public class CatalogueTests
{
    [Fact]
    public void The_repository_catalogue_loads_without_error()
    {
        var catalogue = CaseLoader.LoadDirectory(RepositoryPaths.Cases);

        Assert.Equal(catalogue.Count, catalogue.Cases.Select(c => c.Id).Distinct().Count());
        Assert.All(catalogue.Cases, definition => Assert.True(File.Exists(definition.Source.File), definition.Source.ToString()));
    }

    [Fact]
    public void The_catalogue_is_in_natural_id_order()
    {
        var ids = CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases.Select(c => c.Id).ToList();

        Assert.Equal(ids.Order(NaturalIdComparer.Instance), ids);
    }
}
