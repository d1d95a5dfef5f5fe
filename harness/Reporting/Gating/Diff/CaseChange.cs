using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating.Diff;

/// <summary>A case whose verdict differs between the old run and the new one.</summary>
public sealed record CaseChange(CaseRecord Old, CaseRecord New)
{
    /// <summary>The case id.</summary>
    public string Id => New.Id;

    /// <summary>The Autobahn id, when the case has one.</summary>
    public string? Autobahn => New.Autobahn ?? Old.Autobahn;
}
