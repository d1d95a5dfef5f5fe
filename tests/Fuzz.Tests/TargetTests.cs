using Conformance.Fuzz.Afl;
using Conformance.Fuzz.Seeds;
using Conformance.Fuzz.Targets;

namespace Conformance.Fuzz.Tests;

public sealed class TargetTests
{
    public static TheoryData<string> Targets => new(ReferenceTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_reference_target_handles_its_seeds_and_every_other_target_s_seeds(string target)
    {
        var action = ReferenceTargets.All[target];
        Assert.NotEmpty(SeedCorpus.For(target));
        foreach (var seed in ReferenceTargets.All.Keys.SelectMany(SeedCorpus.For))
        {
            action(seed);
        }
    }

    [Fact]
    public void Every_target_handles_empty_and_one_byte_inputs()
    {
        foreach (var action in ReferenceTargets.All.Values)
        {
            action([]);
            for (var b = 0; b < 256; b++)
            {
                action([(byte)b]);
            }
        }
    }

    [Fact]
    public void A_target_spec_names_a_built_in_target_or_a_static_method_of_an_assembly()
    {
        Assert.Same(ReferenceTargets.All["utf8"], TargetResolver.Resolve("utf8"));
        var sample = TargetResolver.Resolve("Conformance.Fuzz.Sample:Conformance.Fuzz.Sample.TinyRecordParser.Fuzz");
        sample("\u0001\u0000"u8);
        Assert.Throws<IndexOutOfRangeException>(() => sample("BUG!"u8));
        Assert.Throws<ArgumentException>(() => TargetResolver.Resolve("no-such-target"));
        Assert.Throws<ArgumentException>(() => TargetResolver.Resolve("Conformance.Fuzz.Sample:Conformance.Fuzz.Sample.TinyRecordParser.Missing"));
    }

    [Fact]
    public void A_broken_invariant_is_a_crash_and_the_core_s_own_errors_are_not()
    {
        Assert.Equal(0, ForkServerLoop.RunOnce(FrameStreamTarget.Run, [0x00, 0x81, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
        Assert.Equal(ForkServerLoop.CrashStatus, ForkServerLoop.RunOnce(_ => FuzzInvariantException.Check(false, "planted"), [1]));
        Assert.Equal(ForkServerLoop.CrashStatus, ForkServerLoop.RunOnce(_ => throw new InvalidOperationException("planted"), [1]));
    }

    [Fact]
    public void Self_check_passes_on_the_reference_core()
    {
        using var output = new StringWriter();
        Assert.True(SelfCheck.Run(output) == 0, output.ToString());
    }
}
