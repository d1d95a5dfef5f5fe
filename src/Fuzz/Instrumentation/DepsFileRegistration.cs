using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Fuzz.Instrumentation;

/// <summary>
/// An application with a <c>*.deps.json</c> loads only the assemblies that file lists (the host builds its trusted
/// platform assemblies from it), so the coverage runtime copied next to an instrumented assembly is listed there too:
/// a project library with its one runtime file, in every target of the file.
/// </summary>
public static class DepsFileRegistration
{
    /// <summary>Adds <paramref name="assemblyFile"/> to every deps.json in <paramref name="directory"/>; returns the files changed.</summary>
    /// <exception cref="InvalidOperationException">A deps.json is not the JSON the host reads.</exception>
    public static IReadOnlyList<string> Register(string directory, string assemblyFile)
    {
        var changed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.deps.json").Order(StringComparer.Ordinal))
        {
            if (Register(path, Path.GetFileNameWithoutExtension(assemblyFile), Path.GetFileName(assemblyFile)))
            {
                changed.Add(path);
            }
        }

        return changed;
    }

    private static bool Register(string path, string name, string file)
    {
        JsonObject deps;
        try
        {
            deps = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not a deps.json the .NET host can read ({exception.Message}); add {file} to it by hand.", exception);
        }

        var library = name + "/1.0.0";
        var libraries = deps["libraries"] as JsonObject ?? new JsonObject();
        deps["libraries"] = libraries;
        if (deps["targets"] is not JsonObject targets || targets.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no targets; add {file} to it by hand.");
        }

        var changed = false;
        foreach (var (_, target) in targets)
        {
            if (target is JsonObject entries && !entries.Any(entry => entry.Key.StartsWith(name + "/", StringComparison.Ordinal)))
            {
                entries[library] = new JsonObject { ["runtime"] = new JsonObject { [file] = new JsonObject() } };
                changed = true;
            }
        }

        if (!libraries.Any(entry => entry.Key.StartsWith(name + "/", StringComparison.Ordinal)))
        {
            libraries[library] = new JsonObject { ["type"] = "project", ["serviceable"] = false, ["sha512"] = string.Empty };
            changed = true;
        }

        if (changed)
        {
            File.WriteAllText(path, deps.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return changed;
    }
}
