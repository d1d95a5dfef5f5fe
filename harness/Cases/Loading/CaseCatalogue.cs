using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cases.Loading;

/// <summary>All cases loaded from a cases directory (or a set of files), in natural order of their ids.</summary>
public sealed class CaseCatalogue
{
    public CaseCatalogue(IEnumerable<CaseDefinition> cases, int fileCount)
    {
        ArgumentNullException.ThrowIfNull(cases);
        Cases = [.. cases.OrderBy(definition => definition.Id, NaturalIdComparer.Instance)];
        FileCount = fileCount;
    }

    /// <summary>Every case, sorted by id in natural order (stable for equal ids).</summary>
    public IReadOnlyList<CaseDefinition> Cases { get; }

    /// <summary>How many case files the cases came from.</summary>
    public int FileCount { get; }

    public int Count => Cases.Count;

    /// <summary>The case with this id, or null.</summary>
    public CaseDefinition? FindById(string id) => Cases.FirstOrDefault(definition => definition.Id == id);

    /// <summary>The case with this id, else every case that covers this Autobahn case id (possibly none).</summary>
    public IReadOnlyList<CaseDefinition> Find(string idOrAutobahn) =>
        FindById(idOrAutobahn) is { } definition ? [definition] : [.. Cases.Where(candidate => candidate.Autobahn == idOrAutobahn)];

    /// <summary>The cases <paramref name="filter"/> selects, in catalogue order.</summary>
    public IReadOnlyList<CaseDefinition> Select(CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return [.. filter.Apply(Cases)];
    }

    /// <summary>Cases in Autobahn's order (by Autobahn id, naturally), then the cases Autobahn does not have, by id.</summary>
    public IReadOnlyList<CaseDefinition> InAutobahnOrder() =>
    [
        .. Cases.Where(definition => definition.Autobahn is not null).OrderBy(definition => definition.Autobahn, NaturalIdComparer.Instance),
        .. Cases.Where(definition => definition.Autobahn is null),
    ];
}
