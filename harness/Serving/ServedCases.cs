using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Serving;

/// <summary>
/// The cases a client is tested with, in order: <c>/runCase?case=N</c> is the N-th (1-based, as Autobahn numbers the
/// selected list), <c>casetuple</c> an Autobahn id, <c>id</c> one of ours. Each case is already adapted to the harness
/// being the server (<see cref="RoleAdaptation"/>).
/// </summary>
public sealed class ServedCases
{
    private readonly Dictionary<string, CaseDefinition> _byId;
    private readonly Dictionary<string, CaseDefinition> _byAutobahn;
    private readonly Dictionary<string, int> _numbers;

    public ServedCases(IEnumerable<CaseDefinition> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        List = [.. cases.Where(c => c.Roles.HasFlag(CaseRoles.Client)).Select(RoleAdaptation.ForHarnessAsServer)];
        _byId = List.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _numbers = List.Select((c, i) => (c.Id, Number: i + 1)).ToDictionary(p => p.Id, p => p.Number, StringComparer.Ordinal);
        _byAutobahn = List.Where(c => c.Autobahn is not null).GroupBy(c => c.Autobahn!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<CaseDefinition> List { get; }

    /// <summary>The case a control request names, or null with why not.</summary>
    public (CaseDefinition? Case, string? Problem) Find(ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CaseId is { } id)
        {
            return _byId.TryGetValue(id, out var byId) ? (byId, null) : (null, $"no selected case has the id '{id}'");
        }

        if (request.CaseTuple is { } tuple)
        {
            return _byAutobahn.TryGetValue(tuple, out var byTuple) ? (byTuple, null) : (null, $"no selected case covers Autobahn case {tuple}");
        }

        if (request.CaseNumber is { } number)
        {
            return number >= 1 && number <= List.Count ? (List[number - 1], null) : (null, $"case={number} is outside 1..{List.Count}");
        }

        return (null, "name the case: ?case=N (1-based), ?casetuple=X.Y.Z or ?id=ID");
    }

    /// <summary>The 1-based number of a case in the list.</summary>
    public int NumberOf(CaseDefinition definition) => _numbers[definition.Id];
}
