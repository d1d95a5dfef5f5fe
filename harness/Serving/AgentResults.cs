using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Results;

namespace Conformance.Harness.Serving;

/// <summary>
/// Every agent's verdicts as its cases finish (several agents may run at once): each agent a target of the results
/// document, named by the agent, its cases in the served order. A case run again replaces its earlier result.
/// </summary>
public sealed class AgentResults(ServedCases cases, string url, ToolInfo tool, DateTimeOffset startedAt)
{
    /// <summary>The URL clients reach the harness at (known once it listens: port 0 picks one).</summary>
    public string Url { get; set; } = url;

    private readonly Lock _lock = new();
    private readonly List<string> _agents = [];
    private readonly Dictionary<string, Dictionary<string, CaseRecord>> _byAgent = new(StringComparer.Ordinal);

    public void Add(string agent, CaseDefinition definition, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(result);
        var record = ResultsMapper.ToRecord(definition, result);
        lock (_lock)
        {
            if (!_byAgent.TryGetValue(agent, out var results))
            {
                _byAgent[agent] = results = new(StringComparer.Ordinal);
                _agents.Add(agent);
            }

            // The record only: the observation behind it (the full wire log) is not kept once judged.
            results[definition.Id] = record;
        }
    }

    /// <summary>The agent's verdicts on a case, or null when it has not run it.</summary>
    public CaseRecord? Find(string agent, string caseId)
    {
        lock (_lock)
        {
            return _byAgent.TryGetValue(agent, out var results) && results.TryGetValue(caseId, out var found) ? found : null;
        }
    }

    /// <summary>How many of the served cases each agent has run.</summary>
    public IReadOnlyList<(string Agent, int Run)> Progress()
    {
        lock (_lock)
        {
            return [.. _agents.Select(agent => (agent, _byAgent[agent].Count))];
        }
    }

    public ResultsDocument ToDocument(bool complete)
    {
        lock (_lock)
        {
            return new ResultsDocument
            {
                Tool = tool,
                StartedAt = startedAt,
                FinishedAt = complete ? DateTimeOffset.Now : null,
                Complete = complete,
                Targets =
                [
                    .. _agents.Select(agent => new TargetResults(Url, agent, [
                        .. cases.List.Where(c => _byAgent[agent].ContainsKey(c.Id)).Select(c => _byAgent[agent][c.Id]),
                    ]) { Peer = TargetResults.ClientPeer }),
                ],
            };
        }
    }
}
