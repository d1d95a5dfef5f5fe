using Conformance.ReferenceImpl.Extensions;

namespace Conformance.ReferenceImpl.Tests.Extensions;

/// <summary>Drives a <see cref="MessageInflater"/> and a <see cref="MessageDeflater"/> as a connection does, one whole message at a time.</summary>
internal static class Inflating
{
    /// <summary>Inflates one message's payload (RFC 7692 7.2.2: the tail is appended), reading in <paramref name="readSize"/> pieces.</summary>
    public static byte[] Message(MessageInflater inflater, ReadOnlySpan<byte> payload, int readSize = 4096)
    {
        inflater.Begin();
        payload.CopyTo(inflater.Add(payload.Length));
        inflater.Finish();
        var output = new List<byte>();
        var chunk = new byte[readSize];
        for (int read; (read = inflater.Read(chunk)) > 0;)
        {
            output.AddRange(chunk.AsSpan(0, read));
        }

        inflater.End();
        return [.. output];
    }

    /// <summary>Compresses one whole message.</summary>
    public static byte[] Compress(MessageDeflater deflater, ReadOnlySpan<byte> message) => deflater.Compress(message, endOfMessage: true).ToArray();

    /// <summary>Random bytes: nothing to compress but what repeats them.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var noise = new byte[length];
        new Random(seed).NextBytes(noise);
        return noise;
    }
}
