namespace Conformance.ReferenceImpl.Tests.Serving;

/// <summary>Waits for a condition the server reaches on its own time (a count after a close, say), bounded by the test's token.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
