using Conformance.Fuzz.Seeds;
using Conformance.Fuzz.Targets;

namespace Conformance.Fuzz;

/// <summary>Runs every reference target over its seeds (and every seed of the others) once; used to check an instrumented core still behaves.</summary>
public static class SelfCheck
{
    /// <summary>Returns 0 when no target threw, 1 otherwise; writes one line per target.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var failures = 0;
        var allSeeds = ReferenceTargets.All.Keys.SelectMany(SeedCorpus.For).ToList();
        foreach (var (name, target) in ReferenceTargets.All)
        {
            var runs = 0;
            foreach (var seed in SeedCorpus.For(name).Concat(allSeeds))
            {
                try
                {
                    target(seed);
                }
#pragma warning disable CA1031 // Every failure is reported, then counted.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    failures++;
                    output.WriteLine($"{name}: {Convert.ToHexString(seed)} threw {exception}");
                }

                runs++;
            }

            output.WriteLine($"{name}: {runs} inputs");
        }

        output.WriteLine(failures == 0 ? "self-check passed" : $"self-check: {failures} failures");
        return failures == 0 ? 0 : 1;
    }
}
