namespace Conformance.Harness.Cases.Model;

/// <summary>
/// One runnable case: a stable id, what it sends (<see cref="Stimulus"/>) and what a conformant peer must do
/// (<see cref="Requirement"/>) in plain words for the report, the steps, and the acceptable outcomes.
/// </summary>
public sealed record CaseDefinition
{
    /// <summary>Stable id, e.g. <c>framing.text.length-125</c>; never positional.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Spec sections, spelt <c>RFC 6455 5.4</c> (see <see cref="Loading.SpecSection"/>).</summary>
    public required IReadOnlyList<string> Spec { get; init; }

    public required RequirementLevel Level { get; init; }

    /// <summary>The Autobahn|Testsuite case this one covers, e.g. <c>5.6</c>.</summary>
    public string? Autobahn { get; init; }

    /// <summary>What the case sends, in one or two sentences.</summary>
    public required string Stimulus { get; init; }

    /// <summary>What a conformant peer must do, in one or two sentences.</summary>
    public required string Requirement { get; init; }

    public HandshakeSpec? Handshake { get; init; }

    /// <summary>Which peers the case tests (<c>roles</c>): a server, a client, or both (the default).</summary>
    public CaseRoles Roles { get; init; } = CaseRoles.Both;

    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>
    /// Acceptable event sequences by verdict (OK, NON-STRICT), matched exactly and in order. Empty for handshake-only
    /// cases. The first that matches gives the verdict.
    /// </summary>
    public required IReadOnlyList<KeyValuePair<Verdict, IReadOnlyList<ExpectedEvent>>> Outcomes { get; init; }

    public required CloseExpectation Close { get; init; }

    /// <summary>Deadline from the end of the opening handshake.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    public TimeoutAction OnTimeout { get; init; } = TimeoutAction.Fail;

    /// <summary>
    /// Judged on survival alone (<c>survives</c>): what the server answered is recorded, and the verdict says whether it
    /// still answered a fresh connection afterwards and released this one. Null for an ordinary case.
    /// </summary>
    public SurvivalCheck? Survives { get; init; }

    /// <summary>The outcome is recorded, not judged (both verdicts INFORMATIONAL).</summary>
    public bool Informational { get; init; }

    /// <summary>Where the case was written (the file, and the line of its id).</summary>
    public required SourceLocation Source { get; init; }

    /// <summary>The folder under cases/ (spec area), e.g. <c>framing</c>.</summary>
    public string Area => Id.Split('.')[0];
}
