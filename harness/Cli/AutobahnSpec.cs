using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Cli;

/// <summary>
/// An Autobahn|Testsuite fuzzingclient spec (<c>fuzzingclient.json</c>) as <c>wsconform run --autobahn-spec</c> reads it:
/// its servers become targets and its case patterns select our cases by their Autobahn id.
/// </summary>
public sealed record AutobahnSpec
{
    /// <summary>The spec file as the user named it, for messages.</summary>
    public required string File { get; init; }

    /// <summary>The spec's <c>outdir</c>: the report folder unless --report-dir is given.</summary>
    public string? OutDir { get; init; }

    public IReadOnlyList<AutobahnSpecServer> Servers { get; init; } = [];

    /// <summary>A fuzzingserver spec's listening URL (only its port matters to Autobahn; wsconform listens on it, loopback only).</summary>
    public Uri? Url { get; init; }

    /// <summary>A fuzzingserver spec's TLS key and certificate (PEM files), for wss.</summary>
    public string? Key { get; init; }

    public string? Cert { get; init; }

    /// <summary>The <c>cases</c> patterns (Autobahn's default is <c>*</c>).</summary>
    public IReadOnlyList<AutobahnPattern> Cases { get; init; } = [AutobahnPattern.ForCases("*", "cases")];

    public IReadOnlyList<AutobahnPattern> ExcludeCases { get; init; } = [];

    public IReadOnlyList<AutobahnAgentExclusion> ExcludeAgentCases { get; init; } = [];

    /// <summary>What the spec holds that wsconform does not use, each as "JSON path (why)".</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Whether the spec's <c>cases</c> minus <c>exclude-cases</c> select this Autobahn id.</summary>
    public bool Selects(string autobahnId) =>
        Cases.Any(p => p.IsMatch(autobahnId)) && !ExcludeCases.Any(p => p.IsMatch(autobahnId));

    /// <summary>Whether the spec's <c>cases</c> minus <c>exclude-cases</c> select this case.</summary>
    public bool Selects(CaseDefinition definition) =>
        Cases.Any(p => p.Matches(definition)) && !ExcludeCases.Any(p => p.Matches(definition));

    /// <summary>Whether <c>exclude-agent-cases</c> skips this case for the server with this agent name.</summary>
    public bool ExcludesFor(string agent, CaseDefinition definition) =>
        ExcludeAgentCases.Any(e => e.Agent.IsMatch(agent) && e.Cases.Any(p => p.Matches(definition)));
}

/// <summary>One <c>servers[]</c> entry: the URL to test and the agent name reported for it (null: the Server header).</summary>
public sealed record AutobahnSpecServer(Uri Url, string? Agent);

/// <summary>One <c>exclude-agent-cases</c> entry: the cases skipped for servers whose agent matches.</summary>
public sealed record AutobahnAgentExclusion(AutobahnPattern Agent, IReadOnlyList<AutobahnPattern> Cases);

/// <summary>A spec that cannot be used; the message names the file and the JSON path (exit code 2).</summary>
public sealed class AutobahnSpecException : Exception
{
    public AutobahnSpecException(string message)
        : base(message)
    {
    }

    public AutobahnSpecException()
    {
    }

    public AutobahnSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
