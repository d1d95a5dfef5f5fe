namespace Conformance.Fuzz.Tests;

/// <summary>Tests that read the process-wide coverage map run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoverageMapCollection
{
    public const string Name = "coverage map";
}
