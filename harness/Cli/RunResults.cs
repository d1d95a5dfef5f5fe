using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Cli;

/// <summary>The results of a run as they accumulate, one list per target, turned into a results document on demand.</summary>
internal sealed class RunResults
{
    private readonly ToolInfo _tool;
    private readonly DateTimeOffset _startedAt;
    private readonly List<TargetAccumulator> _targets = [];

    public RunResults(ToolInfo tool, DateTimeOffset startedAt)
    {
        _tool = tool;
        _startedAt = startedAt;
    }

    public TargetAccumulator AddTarget(string url, string? agent = null)
    {
        var target = new TargetAccumulator(url) { Agent = agent };
        _targets.Add(target);
        return target;
    }

    public ResultsDocument ToDocument(bool complete) => new()
    {
        Tool = _tool,
        StartedAt = _startedAt,
        FinishedAt = complete ? DateTimeOffset.Now : null,
        Complete = complete,
        Targets = [.. _targets.Select(t => t.ToResults())],
    };

    internal sealed class TargetAccumulator(string url)
    {
        private readonly List<CaseRecord> _cases = [];

        public string? Agent { get; init; }

        public void Add(CaseRecord record) => _cases.Add(record);

        /// <summary>Cases finish in any order; the file lists them in catalogue order.</summary>
        public void SortById(IReadOnlyList<CaseDefinition> catalogue)
        {
            var order = catalogue.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
            _cases.Sort((a, b) => order.GetValueOrDefault(a.Id).CompareTo(order.GetValueOrDefault(b.Id)));
        }

        public TargetResults ToResults() => new(url, Agent, [.. _cases]);
    }
}
