using Conformance.Fuzz.Targets;

namespace Conformance.Fuzz.Campaign;

/// <summary>What <see cref="CoverageCampaign.RunAsync"/> fuzzes, where, and for how long.</summary>
public sealed record CampaignOptions
{
    /// <summary>A built-in target name (<see cref="ReferenceTargets.All"/>) or <c>Assembly.Name:Namespace.Type.Method</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The campaign's folder: bin/ (instrumented copies), seeds/, dictionary, out/ (AFL++'s sync dir), minimized/, regressions/. Emptied first.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>How long AFL++ fuzzes (after its start-up), bounded by the cancellation token too.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>AFL++ instances: one main (-M) and secondaries (-S) sharing the sync dir.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>AFL++'s per-run timeout (-t), in milliseconds; a slower run is a hang.</summary>
    public int TimeoutMilliseconds { get; init; } = 1000;

    /// <summary>Assemblies (file names without .dll) to copy beside Conformance.Fuzz and instrument; the target's own assembly if it is not here must be in <see cref="ExtraAssemblies"/>.</summary>
    public IReadOnlyList<string> InstrumentAssemblies { get; init; } = [ReferenceTargets.CoreAssembly];

    /// <summary>Namespace prefixes to instrument (--include); empty instruments every type.</summary>
    public IReadOnlyList<string> IncludePrefixes { get; init; } = [ReferenceTargets.CoreNamespace];

    /// <summary>Paths of further assemblies to copy beside Conformance.Fuzz (e.g. your target's assembly and its dependencies).</summary>
    public IReadOnlyList<string> ExtraAssemblies { get; init; } = [];

    /// <summary>Seed folder; null uses the built-in seeds for the target (<see cref="Seeds.SeedCorpus"/>).</summary>
    public string? SeedDirectory { get; init; }

    /// <summary>AFL++ dictionary; null writes the built-in one for the target (<see cref="Seeds.FuzzDictionary"/>).</summary>
    public string? DictionaryPath { get; init; }

    /// <summary>Out of process (a supervisor restarts the worker after hangs and hard crashes) or in process.</summary>
    public bool OutOfProcess { get; init; } = true;

    /// <summary>How many crashes to minimise with afl-tmin and turn into regression tests (the rest are listed only).</summary>
    public int MaxCrashesToMinimize { get; init; } = 5;

    /// <summary>The cap on each afl-tmin run.</summary>
    public TimeSpan MinimizeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The folder that receives the regression test files; null means WorkDirectory/regressions.</summary>
    public string? RegressionTestDirectory { get; init; }

    /// <summary>afl-fuzz to run (a path, or a name on PATH).</summary>
    public string AflFuzz { get; init; } = "afl-fuzz";

    /// <summary>afl-tmin to run (a path, or a name on PATH).</summary>
    public string AflTmin { get; init; } = "afl-tmin";
}
