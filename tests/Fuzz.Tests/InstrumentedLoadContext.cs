using System.Reflection;
using System.Runtime.Loader;

namespace Conformance.Fuzz.Tests;

/// <summary>
/// A collectible context that loads the given assemblies from a folder (the instrumented copies) and everything else,
/// Conformance.Fuzz.Runtime's coverage map included, from the default context.
/// </summary>
internal sealed class InstrumentedLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly HashSet<string> _names;

    public InstrumentedLoadContext(string directory, params string[] names)
        : base(isCollectible: true)
    {
        _directory = directory;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && _names.Contains(name) ? LoadFromAssemblyPath(Path.Combine(_directory, name + ".dll")) : null;
}
