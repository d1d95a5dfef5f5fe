using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// Where the peer's events stand against a case's expected outcomes, for the machine to know when to close: every
/// outcome arrived (Autobahn's early close), or none can match any more (the verdict is settled, waiting is pointless).
/// Incremental: each event is matched once, against the one expected event at its position in each outcome still in
/// the running, so 1000 echoes cost 1000 matches, not a million. The verdict itself is the judge's; both use
/// <see cref="EventMatcher"/>, the one home of the matching rule.
/// </summary>
internal sealed class ExpectationTracker
{
    private readonly IReadOnlyList<IReadOnlyList<ExpectedEvent>> _outcomes;
    private readonly bool[] _inTheRunning;
    private int _seen;

    public ExpectationTracker(CaseDefinition definition)
    {
        _outcomes = [.. definition.Outcomes.Select(outcome => outcome.Value)];
        _inTheRunning = [.. _outcomes.Select(_ => true)];
        CountsPings = _outcomes.Any(outcome => outcome.Any(e => e is ExpectedPing));
        CountsPongs = _outcomes.Any(outcome => outcome.Any(e => e is ExpectedPong));
    }

    /// <summary>A case about pings counts the peer's pings as events; otherwise they are answered and not counted (RFC 6455 5.5.2).</summary>
    public bool CountsPings { get; }

    /// <summary>A case about pongs counts the pongs that answer its pings; unsolicited ones are ignored (RFC 6455 5.5.3).</summary>
    public bool CountsPongs { get; }

    /// <summary>The next event, in order.</summary>
    public void Add(ObservedEvent observed)
    {
        for (var i = 0; i < _outcomes.Count; i++)
        {
            _inTheRunning[i] &= _seen < _outcomes[i].Count && EventMatcher.Matches(_outcomes[i][_seen], observed);
        }

        _seen++;
    }

    /// <summary>Every expected outcome equals the events (in practice: the one outcome arrived). The harness then closes.</summary>
    public bool AllArrived => _outcomes.Count > 0 && Enumerable.Range(0, _outcomes.Count).All(i => _inTheRunning[i] && _outcomes[i].Count == _seen);

    /// <summary>Some outcome still starts with the events, so more events could complete it.</summary>
    public bool CanStillMatch => _outcomes.Count == 0 || _inTheRunning.Any(alive => alive);
}
