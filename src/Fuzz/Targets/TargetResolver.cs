using System.Reflection;
using Conformance.Fuzz.Afl;

namespace Conformance.Fuzz.Targets;

/// <summary>
/// Turns a target spec into a delegate: a built-in name (<see cref="ReferenceTargets.All"/>), or
/// <c>Assembly.Name:Namespace.Type.Method</c> for a public static <c>void Method(ReadOnlySpan&lt;byte&gt;)</c> in an
/// assembly next to this one (how your own code is fuzzed).
/// </summary>
public static class TargetResolver
{
    /// <exception cref="ArgumentException">No such target.</exception>
    public static ReadOnlySpanAction Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (ReferenceTargets.All.TryGetValue(spec, out var builtIn))
        {
            return builtIn;
        }

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var lastDot = spec.LastIndexOf('.');
        if (colon <= 0 || lastDot <= colon)
        {
            throw new ArgumentException($"unknown target \"{spec}\": use one of {string.Join(", ", ReferenceTargets.All.Keys)} or Assembly:Namespace.Type.Method", nameof(spec));
        }

        var assembly = Assembly.Load(new AssemblyName(spec[..colon]));
        var typeName = spec[(colon + 1)..lastDot];
        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new ArgumentException($"{assembly.GetName().Name} has no type {typeName}", nameof(spec));
        var method = type.GetMethod(spec[(lastDot + 1)..], BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)])
            ?? throw new ArgumentException($"{typeName} has no public static method {spec[(lastDot + 1)..]}(ReadOnlySpan<byte>)", nameof(spec));
        return method.CreateDelegate<ReadOnlySpanAction>();
    }
}
