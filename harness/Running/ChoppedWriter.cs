using Conformance.Harness.Cases.Model;

namespace Conformance.Harness.Running;

/// <summary>Writes bytes whole, or in pieces with a delay between them (a flush after each, so each is its own segment).</summary>
internal static class ChoppedWriter
{
    public static async Task WriteAsync(Stream stream, byte[] bytes, Chop? chop, CancellationToken token)
    {
        if (chop is null || chop.Size <= 0 || chop.Size >= bytes.Length)
        {
            await stream.WriteAsync(bytes, token);
            await stream.FlushAsync(token);
            return;
        }

        for (var offset = 0; offset < bytes.Length; offset += chop.Size)
        {
            if (offset > 0 && chop.Delay > TimeSpan.Zero)
            {
                await Task.Delay(chop.Delay, token);
            }

            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chop.Size, bytes.Length - offset)), token);
            await stream.FlushAsync(token);
        }
    }
}
