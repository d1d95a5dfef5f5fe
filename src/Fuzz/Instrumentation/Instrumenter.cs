using Conformance.Fuzz.Runtime;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Conformance.Fuzz.Instrumentation;

/// <summary>
/// Rewrites a .NET assembly with Mono.Cecil so it records AFL edge coverage: at every method entry, branch target,
/// conditional fall-through and exception handler it executes <c>Coverage.Map[cur ^ Coverage.Previous]++;
/// Coverage.Previous = cur &gt;&gt; 1</c> (as SharpFuzz does). Only types whose namespace starts with one of the include
/// prefixes are touched (all types when none are given). <see cref="Coverage"/> lives in Conformance.Fuzz.Runtime.dll,
/// which is copied next to the output and listed in the deps.json there, if any.
/// </summary>
public static class Instrumenter
{
    /// <summary>The assembly instrumented code refers to.</summary>
    public static string RuntimeAssemblyName => typeof(Coverage).Assembly.GetName().Name!;

    /// <summary>Instruments <paramref name="inputPath"/> into <paramref name="outputPath"/> (which may be the same file).</summary>
    /// <exception cref="InvalidOperationException">The assembly is already instrumented.</exception>
    public static InstrumentationResult Instrument(string inputPath, string outputPath, IReadOnlyList<string> includePrefixes)
    {
        ArgumentNullException.ThrowIfNull(includePrefixes);
        var inputDirectory = Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(inputDirectory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var assembly = AssemblyDefinition.ReadAssembly(inputPath, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
        var module = assembly.MainModule;
        if (module.AssemblyReferences.Any(reference => reference.Name == RuntimeAssemblyName))
        {
            throw new InvalidOperationException($"{inputPath} is already instrumented (it refers to {RuntimeAssemblyName}).");
        }

        var map = module.ImportReference(typeof(Coverage).GetField(nameof(Coverage.Map)));
        var previous = module.ImportReference(typeof(Coverage).GetField(nameof(Coverage.Previous)));
        int types = 0, methods = 0, blocks = 0;
        foreach (var type in module.GetTypes().Where(type => IsIncluded(type, includePrefixes)).ToList())
        {
            types++;
            foreach (var method in type.Methods.Where(method => method.HasBody && method.Body.Instructions.Count > 0))
            {
                methods++;
                blocks += InstrumentMethod(method, map, previous);
            }
        }

        var outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(outputDirectory);
        assembly.Write(outputPath);
        var runtimeSource = typeof(Coverage).Assembly.Location;
        var runtimeTarget = Path.Combine(outputDirectory, Path.GetFileName(runtimeSource));
        if (!string.Equals(Path.GetFullPath(runtimeSource), Path.GetFullPath(runtimeTarget), StringComparison.Ordinal))
        {
            File.Copy(runtimeSource, runtimeTarget, overwrite: true);
        }

        // An application with a deps.json loads only what it lists: the runtime is added to it.
        var registeredIn = DepsFileRegistration.Register(outputDirectory, runtimeTarget);

        return new InstrumentationResult(outputPath, types, methods, blocks, registeredIn);
    }

    /// <summary>Whether a type is in scope: its outermost declaring type's namespace starts with a prefix.</summary>
    public static bool IsIncluded(TypeDefinition type, IReadOnlyList<string> includePrefixes)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(includePrefixes);
        var outer = type;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }

        if (outer.Name == "<Module>" || outer.Name.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal))
        {
            return false;
        }

        return includePrefixes.Count == 0
            || includePrefixes.Any(prefix => outer.Namespace.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static int InstrumentMethod(MethodDefinition method, FieldReference map, FieldReference previous)
    {
        var body = method.Body;
        body.SimplifyMacros();
        var blockStarts = FindBlockStarts(body);
        var il = body.GetILProcessor();
        foreach (var start in blockStarts)
        {
            var id = BlockIds.For(method.FullName, start.Offset);

            // Keep every reference to `start` (branches, switch tables, handler bounds) valid: the original
            // instruction object becomes the first probe instruction and its old content moves after the probe.
            var moved = il.Create(OpCodes.Nop);
            moved.OpCode = start.OpCode;
            moved.Operand = start.Operand;
            start.OpCode = OpCodes.Ldsfld;
            start.Operand = map;
            Instruction[] probe =
            [
                il.Create(OpCodes.Ldc_I4, id),
                il.Create(OpCodes.Ldsfld, previous),
                il.Create(OpCodes.Xor),
                il.Create(OpCodes.Add),
                il.Create(OpCodes.Dup),
                il.Create(OpCodes.Ldind_U1),
                il.Create(OpCodes.Ldc_I4_1),
                il.Create(OpCodes.Add),
                il.Create(OpCodes.Stind_I1),
                il.Create(OpCodes.Ldc_I4, id >> 1),
                il.Create(OpCodes.Stsfld, previous),
                moved,
            ];
            var after = start;
            foreach (var instruction in probe)
            {
                il.InsertAfter(after, instruction);
                after = instruction;
            }
        }

        body.OptimizeMacros();
        return blockStarts.Count;
    }

    private static List<Instruction> FindBlockStarts(MethodBody body)
    {
        var starts = new HashSet<Instruction>(ReferenceEqualityComparer.Instance) { body.Instructions[0] };
        foreach (var instruction in body.Instructions)
        {
            switch (instruction.Operand)
            {
                case Instruction target:
                    starts.Add(target);
                    break;
                case Instruction[] targets:
                    starts.UnionWith(targets);
                    break;
            }

            if (instruction.OpCode.FlowControl == FlowControl.Cond_Branch && instruction.Next is { } fallThrough)
            {
                starts.Add(fallThrough);
            }
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            starts.Add(handler.HandlerStart);
            if (handler.FilterStart is { } filter)
            {
                starts.Add(filter);
            }
        }

        // In IL order, so ids and probes are deterministic.
        return body.Instructions.Where(starts.Contains).ToList();
    }
}
