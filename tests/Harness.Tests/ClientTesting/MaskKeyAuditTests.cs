using Conformance.Harness.Running.Machine;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

public class MaskKeyAuditTests
{
    private static string? Audit(IEnumerable<uint> keys)
    {
        var audit = new MaskKeyAudit();
        var index = 0;
        foreach (var key in keys)
        {
            audit.Add(key, index++);
        }

        return audit.Finding()?.ToString();
    }

    [Fact]
    public void Fresh_random_keys_over_a_long_case_are_not_a_finding()
    {
        // 100000 frames of random keys: about 1.2 chance repeats; the birthday bound must not accuse a fair client.
        var random = new Random(6455);
        Assert.Null(Audit(Enumerable.Range(0, 100_000).Select(_ => (uint)random.NextInt64(0, 1L << 32))));
    }

    [Fact]
    public void One_chance_zero_key_is_not_a_finding() => Assert.Null(Audit([0u, 1u, 2u]));

    [Fact]
    public void The_all_zero_key_on_every_frame_breaks_RFC_6455_5_3()
    {
        var finding = Audit(Enumerable.Repeat(0u, 10));
        Assert.NotNull(finding);
        Assert.StartsWith("RFC 6455 5.3", finding);
        Assert.Contains("10 frames with the all-zero key", finding);
    }

    [Fact]
    public void The_same_key_on_every_frame_breaks_RFC_6455_5_3()
    {
        var finding = Audit(Enumerable.Repeat(0x37FA213Du, 5));
        Assert.NotNull(finding);
        Assert.Contains("4 frames with the same key as the frame before", finding);
    }

    [Fact]
    public void Keys_from_a_tiny_pool_break_RFC_6455_5_3()
    {
        var finding = Audit(Enumerable.Range(0, 200).Select(i => (uint)(i % 7) + 1000));
        Assert.NotNull(finding);
        Assert.Contains("repeated keys among 200 frames", finding);
    }
}
