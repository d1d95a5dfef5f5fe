using System.Text.RegularExpressions;
using Conformance.Harness.Cases.Loading;
using Conformance.Harness.Cases.Model;
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

    [Fact]
    public void Every_spec_section_of_the_catalogue_is_canonical()
    {
        var sections = CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases.SelectMany(c => c.Spec).Distinct();

        Assert.All(sections, section => Assert.True(SpecSection.IsCanonical(section), section));
    }

    [Fact]
    public void No_case_file_spells_an_rfc_without_the_space()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Cases, "*", SearchOption.AllDirectories);

        var old = files.SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => Regex.IsMatch(entry.line, "RFC[0-9]"))
            .Select(entry => $"{Path.GetRelativePath(RepositoryPaths.Cases, entry.file)}:{entry.index + 1}: {entry.line.Trim()}");
        Assert.Empty(old);
    }

    [Fact]
    public void Autobahn_12_and_13_send_the_same_message_sizes()
    {
        var compression = CaseLoader.LoadDirectory(RepositoryPaths.Cases).Cases
            .Where(c => c.Autobahn is { } id && (id.StartsWith("12.", StringComparison.Ordinal) || id.StartsWith("13.", StringComparison.Ordinal)))
            .ToList();

        var sizes = compression.GroupBy(c => c.Autobahn!.Split('.')[2]).ToList();
        Assert.Equal(18, sizes.Count);
        Assert.Equal(12 * 18, compression.Count);
        Assert.All(sizes, group => Assert.Single(group.Select(c => c.Steps.Single() is RoundTripStep trips
            ? (trips.Window!.Size, trips.Fragment, c.Timeout, c.Id.Split('.')[^1])
            : default).Distinct()));
    }
}
