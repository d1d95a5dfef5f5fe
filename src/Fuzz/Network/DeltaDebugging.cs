namespace Conformance.Fuzz.Network;

/// <summary>
/// Zeller's ddmin: the smallest list of items (as indices into the original) that still makes the test fail, trying
/// to remove chunks of halving size. Every test costs a live run, so the caller's budget bounds it; when it runs out,
/// the smallest failing list found so far is the answer.
/// </summary>
public static class DeltaDebugging
{
    /// <param name="count">How many items there are.</param>
    /// <param name="fails">Whether the items at these indices (in order) still fail; false once the budget is spent.</param>
    public static async Task<IReadOnlyList<int>> MinimiseAsync(int count, Func<IReadOnlyList<int>, Task<bool>> fails)
    {
        ArgumentNullException.ThrowIfNull(fails);
        var current = Enumerable.Range(0, count).ToList();
        var granularity = 2;
        while (current.Count >= 2)
        {
            var chunk = (int)Math.Ceiling(current.Count / (double)granularity);
            var reduced = false;
            for (var start = 0; start < current.Count; start += chunk)
            {
                // The complement of one chunk: everything but items start..start+chunk.
                var complement = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                if (complement.Count > 0 && await fails(complement))
                {
                    current = complement;
                    granularity = Math.Max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (granularity >= current.Count)
                {
                    break;
                }

                granularity = Math.Min(current.Count, granularity * 2);
            }
        }

        // A single item may be removable too (the empty input still fails).
        if (current.Count == 1 && await fails([]))
        {
            current = [];
        }

        return current;
    }
}
