using System.Globalization;
using Conformance.Fuzz.Campaign;
using Conformance.Fuzz.Instrumentation;
using Conformance.Fuzz.Targets;
using Conformance.Harness.Fuzzing;

namespace Conformance.Harness.Cli;

/// <summary><c>wsconform fuzz --mode coverage</c> and <c>wsconform fuzz instrument</c>: AFL++ over the reference parsers (src/Fuzz).</summary>
public static class CoverageFuzzCommand
{
    /// <summary>Runs a bounded AFL++ campaign; exit 0 without crashes, 1 with, 2 for an unknown target or missing AFL++.</summary>
    public static async Task<int> RunAsync(string target, TimeSpan duration, int jobs, string directory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!ReferenceTargets.All.ContainsKey(target) && !target.Contains(':', StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"wsconform fuzz: unknown --target '{target}' for --mode coverage; the reference targets are {string.Join(", ", ReferenceTargets.All.Keys)} (or ASSEMBLY:Namespace.Type.Method)");
            return ExitCodes.UsageError;
        }

        // Seeds: the fuzz project's own, plus every frame the case catalogue sends (for the frame-reading targets).
        var seeds = Path.Combine(directory, "seeds");
        if (Directory.Exists(seeds))
        {
            Directory.Delete(seeds, recursive: true);
        }

        Directory.CreateDirectory(seeds);
        int fromCatalogue;
        try
        {
            fromCatalogue = CatalogueSeeds.Write(target, seeds, [.. CatalogueSource.Load(null, [], []).Where(c => c.Roles.HasFlag(Conformance.Harness.Cases.Model.CaseRoles.Server))]);
        }
        catch (CatalogueException exception)
        {
            await error.WriteLineAsync($"wsconform fuzz: {exception.Message}");
            return ExitCodes.UsageError;
        }

        await output.WriteLineAsync($"wsconform fuzz --mode coverage --target {target}: {jobs} AFL++ instance(s) for {duration.TotalSeconds:0} s, {Directory.GetFiles(seeds).Length} seeds ({fromCatalogue} frames from the case catalogue), work in {directory}");
        var lastReport = TimeSpan.Zero;
        var progress = new Progress<CampaignProgress>(p =>
        {
            if (p.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = p.Elapsed;
                output.WriteLine($"  {p}");
            }
        });
        CampaignResult result;
        try
        {
            result = await CoverageCampaign.RunAsync(
                new CampaignOptions
                {
                    Target = target,
                    WorkDirectory = directory,
                    Duration = duration,
                    Instances = Math.Max(1, jobs),
                    RegressionTestDirectory = Path.Combine(directory, "regression-tests"),
                    SeedDirectory = seeds,
                },
                progress,
                cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"wsconform fuzz: {exception.Message}");
            return ExitCodes.UsageError;
        }

        await output.WriteLineAsync($"done: {result.Final}");
        foreach (var crash in result.Crashes)
        {
            await output.WriteLineAsync($"  crash: {crash}");
        }

        return result.Crashes.Count > 0 ? ExitCodes.CasesFailed : ExitCodes.Success;
    }

    /// <summary>Instruments an assembly for AFL++ edge coverage.</summary>
    public static async Task<int> InstrumentAsync(string assembly, string? outputPath, IReadOnlyList<string> include, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(assembly))
        {
            await error.WriteLineAsync($"wsconform fuzz instrument: {assembly} does not exist");
            return ExitCodes.UsageError;
        }

        try
        {
            var result = Instrumenter.Instrument(assembly, outputPath ?? assembly, include);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"instrumented {result.Methods} methods in {result.Types} types ({result.Blocks} blocks): {result.OutputPath}"));
            foreach (var deps in result.RegisteredIn)
            {
                await output.WriteLineAsync($"listed the coverage runtime in {deps}");
            }
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is InvalidOperationException or BadImageFormatException or IOException)
        {
            await error.WriteLineAsync($"wsconform fuzz instrument: {exception.Message}");
            return ExitCodes.UsageError;
        }
    }
}
