using Conformance.Fuzz.Network;

namespace Conformance.Fuzz.Tests.Network;

public sealed class DeltaDebuggingTests
{
    [Theory]
    [InlineData(20, new[] { 3, 17 })]
    [InlineData(64, new[] { 0 })]
    [InlineData(9, new[] { 2, 4, 8 })]
    [InlineData(5, new int[0])]
    public async Task Finds_exactly_the_items_the_failure_needs(int count, int[] needed)
    {
        var tests = 0;
        var minimal = await DeltaDebugging.MinimiseAsync(count, indices =>
        {
            tests++;
            return Task.FromResult(needed.All(indices.Contains));
        });
        Assert.Equal(needed, minimal);
        Assert.True(tests < count * count, $"{tests} tests");
    }

    [Fact]
    public async Task A_test_that_stops_failing_leaves_the_input_as_it_was()
    {
        var minimal = await DeltaDebugging.MinimiseAsync(10, _ => Task.FromResult(false));
        Assert.Equal(Enumerable.Range(0, 10), minimal);
    }
}
