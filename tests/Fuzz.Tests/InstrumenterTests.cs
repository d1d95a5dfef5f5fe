using System.Reflection;
using Conformance.Fuzz.Afl;
using Conformance.Fuzz.Instrumentation;
using Conformance.Fuzz.Runtime;

namespace Conformance.Fuzz.Tests;

[Collection(CoverageMapCollection.Name)]
public sealed class InstrumenterTests
{
    private const string Sample = "Conformance.Fuzz.Sample";

    private static string OutputDirectory => Path.GetDirectoryName(typeof(InstrumenterTests).Assembly.Location)!;

    [Fact]
    public void An_instrumented_method_records_edges_in_the_coverage_map()
    {
        using var temp = new TempDirectory();
        var result = Instrument(Sample, temp.Path, [Sample]);
        Assert.True(result.Blocks > 10, $"{result.Blocks} blocks");

        var context = new InstrumentedLoadContext(temp.Path, Sample);
        try
        {
            var fuzz = SampleTarget(context);
            var map = Run(fuzz, "\u0001\u0002ab"u8);
            Assert.True(map.Count(b => b != 0) >= 3, $"{map.Count(b => b != 0)} edges");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Distinct_inputs_give_distinct_maps_and_the_same_input_the_same_map()
    {
        using var temp = new TempDirectory();
        Instrument(Sample, temp.Path, [Sample]);
        var context = new InstrumentedLoadContext(temp.Path, Sample);
        try
        {
            var fuzz = SampleTarget(context);
            var twoRecords = Run(fuzz, "\u0001\u0001a\u0002\u0000"u8);
            var truncated = Run(fuzz, "B"u8);
            var towardsTheBug = Run(fuzz, "BUx"u8);
            Assert.NotEqual(twoRecords, truncated);
            Assert.NotEqual(truncated, towardsTheBug);
            Assert.Equal(twoRecords, Run(fuzz, "\u0001\u0001a\u0002\u0000"u8));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Types_outside_the_include_prefixes_are_left_alone()
    {
        using var temp = new TempDirectory();
        var result = Instrument(Sample, temp.Path, ["Some.Other.Namespace"]);
        Assert.Equal(0, result.Blocks);
    }

    [Fact]
    public void An_assembly_is_not_instrumented_twice()
    {
        using var temp = new TempDirectory();
        var path = Instrument(Sample, temp.Path, [Sample]).OutputPath;
        Assert.Throws<InvalidOperationException>(() => Instrumenter.Instrument(path, path, [Sample]));
    }

    [Fact]
    public void The_instrumented_reference_core_passes_every_target_over_every_seed_and_records_its_edges()
    {
        using var temp = new TempDirectory();
        var result = Instrument("Conformance.ReferenceImpl", temp.Path, ["Conformance.ReferenceImpl"]);
        Assert.True(result.Blocks > 1000, $"{result.Blocks} blocks");
        File.Copy(Path.Combine(OutputDirectory, "Conformance.Fuzz.dll"), Path.Combine(temp.Path, "Conformance.Fuzz.dll"));

        // Conformance.Fuzz is loaded again beside the instrumented core, so its targets bind to the instrumented copy.
        var context = new InstrumentedLoadContext(temp.Path, "Conformance.ReferenceImpl", "Conformance.Fuzz");
        try
        {
            var fuzz = context.LoadFromAssemblyName(new AssemblyName("Conformance.Fuzz"));
            var core = context.LoadFromAssemblyName(new AssemblyName("Conformance.ReferenceImpl"));
            Assert.Contains(core.GetReferencedAssemblies(), reference => reference.Name == Instrumenter.RuntimeAssemblyName);
            var selfCheck = fuzz.GetType("Conformance.Fuzz.SelfCheck", throwOnError: true)!.GetMethod("Run")!;
            Coverage.Reset();
            using var output = new StringWriter();
            var exitCode = (int)selfCheck.Invoke(null, [output])!;
            Assert.True(exitCode == 0, output.ToString());
            Assert.True(Coverage.CountEdges() > 500, $"{Coverage.CountEdges()} edges");
        }
        finally
        {
            context.Unload();
        }
    }

    private static InstrumentationResult Instrument(string assembly, string directory, IReadOnlyList<string> prefixes) =>
        Instrumenter.Instrument(Path.Combine(OutputDirectory, assembly + ".dll"), Path.Combine(directory, assembly + ".dll"), prefixes);

    private static ReadOnlySpanAction SampleTarget(InstrumentedLoadContext context)
    {
        var assembly = context.LoadFromAssemblyName(new AssemblyName(Sample));
        return assembly.GetType("Conformance.Fuzz.Sample.TinyRecordParser", throwOnError: true)!
            .GetMethod("Fuzz")!
            .CreateDelegate<ReadOnlySpanAction>();
    }

    private static byte[] Run(ReadOnlySpanAction target, ReadOnlySpan<byte> input)
    {
        Coverage.Reset();
        target(input);
        return Coverage.Snapshot();
    }
}
