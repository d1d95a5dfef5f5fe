using System.Text.Json;
using Conformance.Fuzz.Instrumentation;

namespace Conformance.Fuzz.Campaign;

/// <summary>
/// The bin/ folder a campaign runs from: Conformance.Fuzz, its program Conformance.Fuzz.Host and the assemblies beside them, the extra assemblies, with the
/// chosen ones instrumented in place, and a runtimeconfig of our own (no deps.json, so the folder is the probe path).
/// </summary>
public static class FuzzWorkspace
{
    /// <summary>The program AFL++ starts (with dotnet): src/Fuzz/Host.</summary>
    public const string EntryAssembly = "Conformance.Fuzz.Host.dll";

    /// <summary>Fills <paramref name="binDirectory"/> and returns the instrumentation results.</summary>
    public static IReadOnlyList<InstrumentationResult> Prepare(string binDirectory, CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(binDirectory);
        var source = Path.GetDirectoryName(typeof(FuzzWorkspace).Assembly.Location)!;
        if (!File.Exists(Path.Combine(source, EntryAssembly)))
        {
            throw new FileNotFoundException($"{EntryAssembly} is not beside Conformance.Fuzz.dll in {source}: reference src/Fuzz/Host/Conformance.Fuzz.Host.csproj from the app that runs campaigns");
        }

        foreach (var file in Directory.GetFiles(source, "*.dll").Concat(options.ExtraAssemblies))
        {
            File.Copy(file, Path.Combine(binDirectory, Path.GetFileName(file)), overwrite: true);
        }

        var results = new List<InstrumentationResult>();
        foreach (var name in options.InstrumentAssemblies)
        {
            var path = Path.Combine(binDirectory, name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? name : name + ".dll");
            results.Add(Instrumenter.Instrument(path, path, options.IncludePrefixes));
        }

        WriteRuntimeConfig(Path.Combine(binDirectory, "Conformance.Fuzz.Host.runtimeconfig.json"));
        return results;
    }

    private static void WriteRuntimeConfig(string path)
    {
        var version = Environment.Version;
        var config = new
        {
            runtimeOptions = new
            {
                tfm = $"net{version.Major}.{version.Minor}",
                framework = new { name = "Microsoft.NETCore.App", version = $"{version.Major}.{version.Minor}.0" },
                configProperties = new Dictionary<string, object>
                {
                    ["System.Globalization.Invariant"] = true,
                    ["System.GC.Concurrent"] = false,
                },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(config));
    }
}
