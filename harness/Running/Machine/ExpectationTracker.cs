using Conformance.Harness.Cases.Model;
using Conformance.Harness.Judging;
using Conformance.Harness.Observing;

namespace Conformance.Harness.Running.Machine;

/// <summary>
/// Where the peer's events stand against a case's expected outcomes, for the machine to know when to close: every
/// outcome arrived (Autobahn's early close), or none can match any more (the verdict is settled, waiting is pointless).
/// The verdict itself is the judge's; both use <see cref="EventMatcher"/>, the one home of the matching rule.
/// </summary>
internal sealed class ExpectationTracker(CaseDefinition definition)
{
    private readonly IReadOnlyList<IReadOnlyList<ExpectedEvent>> _outcomes = [.. definition.Outcomes.Select(outcome => outcome.Value)];

    /// <summary>A case about pings counts the peer's pings as events; otherwise they are answered and not counted (RFC 6455 5.5.2).</summary>
    public bool CountsPings { get; } = definition.Outcomes.Any(outcome => outcome.Value.Any(e => e is ExpectedPing));

    /// <summary>A case about pongs counts the pongs that answer its pings; unsolicited ones are ignored (RFC 6455 5.5.3).</summary>
    public bool CountsPongs { get; } = definition.Outcomes.Any(outcome => outcome.Value.Any(e => e is ExpectedPong));

    /// <summary>Every expected outcome equals the events (in practice: the one outcome arrived). The harness then closes.</summary>
    public bool AllArrived(IReadOnlyList<ObservedEvent> events) =>
        _outcomes.Count > 0 && _outcomes.All(outcome => EventMatcher.Matches(outcome, events));

    /// <summary>Some outcome still starts with the events, so more events could complete it.</summary>
    public bool CanStillMatch(IReadOnlyList<ObservedEvent> events) =>
        _outcomes.Count == 0 || _outcomes.Any(outcome => events.Count <= outcome.Count && EventMatcher.FirstDifference(outcome, events) == events.Count);
}
